// A random per-browser id, set when someone submits a review and forwarded to the API (X-Device-Id), which
// stores only a salted hash of it. Several accounts reviewing one service from the same browser is a fraud
// signal (issue 13): those reviews are grouped for a moderator and count less until verified. It is a
// security cookie, not tracking: nothing else reads it, and it is never sent to the page's JavaScript.
import type { Cookies } from '@sveltejs/kit';

const DEVICE_COOKIE = 'ca_device';
const TWO_YEARS_SECONDS = 60 * 60 * 24 * 730;
const VALID = /^[A-Za-z0-9_-]{16,128}$/;

export function deviceIdFor(cookies: Cookies, url: URL): string {
  const existing = cookies.get(DEVICE_COOKIE);
  if (existing && VALID.test(existing)) return existing;
  const id = crypto.randomUUID().replaceAll('-', '');
  cookies.set(DEVICE_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: TWO_YEARS_SECONDS,
  });
  return id;
}
