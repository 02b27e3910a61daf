// Every cookie the web app sets is httpOnly and SameSite=Lax, and Secure whenever the site is served over HTTPS
// (production: ORIGIN is https://...). Checked two ways: the session and device cookies are set through a
// recording Cookies object, and every `cookies.set(` in apps/web/src is found and must pass the same options.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { deviceIdFor } from '../../apps/web/src/lib/server/device.ts';
import { startSession } from '../../apps/web/src/lib/server/session.ts';

type Options = Parameters<Cookies['set']>[2];

function recordingCookies() {
  const set: { name: string; options: Options }[] = [];
  const cookies = {
    get: () => undefined,
    set: (name: string, _value: string, options: Options) => set.push({ name, options }),
  } as unknown as Cookies;
  return { cookies, set };
}

const user = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'a@example.test',
  displayName: 'A',
  role: 'resident',
};

describe('cookies the web app sets', () => {
  for (const [origin, secure] of [
    ['https://care.example.gov.uk/', true],
    ['http://localhost:3000/', false],
  ] as const) {
    it(`are httpOnly, SameSite=Lax and ${secure ? 'Secure' : 'not Secure'} on ${origin}`, () => {
      const { cookies, set } = recordingCookies();
      const url = new URL(origin);
      startSession(cookies, url, { accessToken: 'a', expiresIn: 900, user } as never, 'refresh');
      deviceIdFor(cookies, url);
      expect(set.map((c) => c.name).sort()).toEqual(['ca_access', 'ca_device', 'ca_refresh']);
      for (const { name, options } of set) {
        expect(options, name).toMatchObject({ httpOnly: true, sameSite: 'lax', secure, path: '/' });
      }
    });
  }

  it('are all set with httpOnly and a secure flag that follows the protocol (every cookies.set in the app)', () => {
    const root = path.resolve(import.meta.dirname, '../../apps/web/src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|svelte)$/.test(entry) && !entry.endsWith('.test.ts')) files.push(full);
      }
    };
    walk(root);
    const calls = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/cookies\.set\(/g)].map(() => path.relative(root, file)),
    );
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const file of new Set(calls)) {
      const source = readFileSync(path.join(root, file), 'utf8');
      expect(source, file).toMatch(/httpOnly: true/);
      expect(source, file).toMatch(/sameSite: 'lax'|sameSite: 'strict'/);
      expect(source, file).toMatch(/secure: url\.protocol === 'https:'/);
    }
  });
});
