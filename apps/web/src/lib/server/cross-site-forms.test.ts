// The cross-site form check: everything SvelteKit refuses is still refused, and only a mail client's one-click
// unsubscribe (POST, no Origin, no cookies) gets through.
import { describe, expect, it } from 'vitest';
import { refuseCrossSiteForm } from './cross-site-forms.ts';

const site = 'https://care-assist.example';
const post = (path: string, headers: Record<string, string>, method = 'POST') =>
  refuseCrossSiteForm(new Request(`${site}${path}`, { method, headers, body: 'a=b' }), new URL(`${site}${path}`));
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const token = 'dXNlcjpraW5k.c2lnbmF0dXJl-_x';

describe('cross-site form posts', () => {
  it('lets our own forms through', () => {
    expect(post('/account/details', { ...form, origin: site })).toBeNull();
  });

  it('refuses another site, or no Origin at all, with 403', async () => {
    for (const headers of [{ ...form, origin: 'https://evil.example' }, form, { origin: 'https://evil.example' }]) {
      const refused = post('/account/delete', headers);
      expect(refused?.status).toBe(403);
      expect(await refused?.text()).toBe('Cross-site POST form submissions are forbidden');
    }
    for (const type of ['multipart/form-data; boundary=x', 'text/plain', 'application/x-sveltekit-formdata']) {
      expect(post('/logout', { 'content-type': type })?.status).toBe(403);
    }
    expect(post('/logout', form, 'DELETE')?.status).toBe(403);
  });

  it('answers JSON when JSON was asked for', async () => {
    const refused = post('/logout', { ...form, accept: 'application/json' });
    expect(await refused?.json()).toEqual({ message: 'Cross-site POST form submissions are forbidden' });
  });

  it("lets a mail client's one-click unsubscribe through, and nothing else like it", () => {
    expect(post(`/unsubscribe/${token}`, form)).toBeNull();
    expect(post(`/unsubscribe/${token}`, { ...form, origin: 'https://mail.example' })).toBeNull();
    expect(post(`/unsubscribe/${token}/extra`, form)?.status).toBe(403);
    expect(post(`/unsubscribe/${token}`, form, 'PUT')?.status).toBe(403);
    expect(post('/unsubscribe/', form)?.status).toBe(403);
  });

  it('leaves JSON and reading alone (the API client and pages)', () => {
    expect(post('/search', { 'content-type': 'application/json' })).toBeNull();
    expect(refuseCrossSiteForm(new Request(`${site}/account`), new URL(`${site}/account`))).toBeNull();
  });
});
