// safeRedirectPath is all that stands between a crafted ?redirectTo= and an open redirect after sign-in.
import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect.ts';

describe('safeRedirectPath', () => {
  it.each([
    '/.//evil.example/phish',
    '/login/../..//evil.example',
    '/a/..//evil.example',
    '//evil.example',
    '/\\evil.example',
    '/.\\/evil.example',
    '/%2e//evil.example',
    '/\t/evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '',
  ])('refuses %j and falls back to /account', (value) => {
    const result = safeRedirectPath(value);
    expect(result).toBe('/account');
  });

  it('never returns anything a browser would read as another host', () => {
    for (const prefix of ['/', '/./', '/x/../', '/%2e/', '/.%2e/']) {
      for (const slashes of ['/', '\\', '/\\', '\\/']) {
        const result = safeRedirectPath(`${prefix}${slashes}evil.example/x`);
        expect(new URL(result, 'https://care-assist.example').host).toBe('care-assist.example');
        expect(result).toMatch(/^\/(?![/\\])/);
      }
    }
  });

  it('keeps same-site paths with their query and fragment', () => {
    expect(safeRedirectPath('/services/a-b?tab=reviews#r1')).toBe('/services/a-b?tab=reviews#r1');
    expect(safeRedirectPath('/bookings/./x')).toBe('/bookings/x');
  });

  it('does not send people back to sign-in pages', () => {
    expect(safeRedirectPath('/login')).toBe('/account');
    expect(safeRedirectPath('/register?x=1', '/shortlist')).toBe('/shortlist');
  });
});
