// The shortlist as the web app keeps it: in the API for signed-in users, and in an httpOnly cookie for
// anonymous visitors until they sign in, when the cookie is merged into their account and cleared.
import type { Cookies } from '@sveltejs/kit';
import { SHORTLIST_LIMIT, type ServiceSummary } from '@care-assist/domain';
import { api } from './api';

const COOKIE = 'ca_shortlist';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_AGE_SECONDS = 60 * 60 * 24 * 30;

function cookieOptions(url: URL) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' } as const;
}

export function anonymousShortlist(cookies: Cookies): string[] {
  const ids = (cookies.get(COOKIE) ?? '').split(',').filter((id) => UUID.test(id));
  return [...new Set(ids)].slice(0, SHORTLIST_LIMIT);
}

function saveAnonymous(cookies: Cookies, url: URL, ids: string[]): void {
  cookies.set(COOKIE, ids.slice(0, SHORTLIST_LIMIT).join(','), { ...cookieOptions(url), maxAge: MAX_AGE_SECONDS });
}

export function isServiceId(value: string): boolean {
  return UUID.test(value);
}

export async function loadShortlist(cookies: Cookies, accessToken: string | null): Promise<ServiceSummary[]> {
  if (accessToken) {
    const result = await api.getShortlist(accessToken);
    return result.ok ? result.data.items : [];
  }
  const results = await Promise.all(anonymousShortlist(cookies).map((id) => api.getService(id)));
  return results.flatMap((result) => (result.ok ? [result.data] : []));
}

/** Returns false when the list is full. */
export async function addToShortlist(
  cookies: Cookies,
  url: URL,
  accessToken: string | null,
  serviceId: string,
): Promise<boolean> {
  if (accessToken) return (await api.addToShortlist(accessToken, serviceId)).ok;
  const ids = anonymousShortlist(cookies);
  if (ids.includes(serviceId)) return true;
  if (ids.length >= SHORTLIST_LIMIT) return false;
  saveAnonymous(cookies, url, [serviceId, ...ids]);
  return true;
}

export async function removeFromShortlist(
  cookies: Cookies,
  url: URL,
  accessToken: string | null,
  serviceId: string,
): Promise<void> {
  if (accessToken) {
    await api.removeFromShortlist(accessToken, serviceId);
    return;
  }
  saveAnonymous(
    cookies,
    url,
    anonymousShortlist(cookies).filter((id) => id !== serviceId),
  );
}

/** After signing in: move what was kept anonymously into the account. Best effort; never blocks sign-in. */
export async function mergeShortlistOnSignIn(cookies: Cookies, url: URL, accessToken: string): Promise<void> {
  const ids = anonymousShortlist(cookies);
  if (ids.length === 0) return;
  const result = await api.mergeShortlist(accessToken, ids).catch(() => null);
  if (result?.ok) cookies.delete(COOKIE, cookieOptions(url));
}
