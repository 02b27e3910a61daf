// The browser session: the access and refresh tokens live only in httpOnly cookies set by this server,
// so no token is ever readable from JavaScript in the page.
import type { Cookies } from '@sveltejs/kit';
import type { AuthResponse } from '@care-assist/domain';

export const ACCESS_COOKIE = 'ca_access';
export const REFRESH_COOKIE = 'ca_refresh';
const REFRESH_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;

function cookieOptions(url: URL, maxAge: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge,
  } as const;
}

/** The API sends the refresh token as its own `Set-Cookie: refresh_token=...`; we keep it under our name. */
export function refreshTokenFrom(headers: Headers): string | null {
  for (const setCookie of headers.getSetCookie()) {
    const match = /^\s*refresh_token=([^;]*)/.exec(setCookie);
    if (match?.[1]) return decodeURIComponent(match[1]);
  }
  return null;
}

export function startSession(cookies: Cookies, url: URL, auth: AuthResponse, refreshToken: string | null): void {
  cookies.set(ACCESS_COOKIE, auth.accessToken, cookieOptions(url, Math.max(1, auth.expiresIn)));
  if (refreshToken) cookies.set(REFRESH_COOKIE, refreshToken, cookieOptions(url, REFRESH_MAX_AGE_SECONDS));
}

export function endSession(cookies: Cookies, url: URL): void {
  cookies.delete(ACCESS_COOKIE, cookieOptions(url, 0));
  cookies.delete(REFRESH_COOKIE, cookieOptions(url, 0));
}

/** Where each role's work is: after signing in without a page to return to, people land there. */
export function homeForRole(role: string): string {
  if (role === 'provider') return '/provider';
  if (role === 'moderator' || role === 'admin') return '/moderation';
  return '/account';
}

// Lives in packages/domain so it can be unit-tested without SvelteKit.
export { safeRedirectPath } from '@care-assist/domain';
