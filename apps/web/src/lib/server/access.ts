// The web app's one page guard. Pages call it at the top of `load` and of each action: people who are not
// signed in go to the sign-in page and come back here afterwards; signed-in people without the power a page
// needs get a plain 403. What each role may do is written once in @care-assist/domain (ROLE_PERMISSIONS), and
// the API checks the same rules again, so this guard only spares people a page they cannot use.
import { error, redirect } from '@sveltejs/kit';
import { can, type Permission, type User } from '@care-assist/domain';

/** Send someone who is not signed in to sign in, then back to `returnTo` (a URL: its path and query). */
export function requireUser(locals: App.Locals, returnTo: URL | string): { user: User; accessToken: string } {
  if (!locals.user || !locals.accessToken) {
    const path = typeof returnTo === 'string' ? returnTo : returnTo.pathname + returnTo.search;
    redirect(303, `/login?redirectTo=${encodeURIComponent(path)}`);
  }
  return { user: locals.user, accessToken: locals.accessToken };
}

/** As requireUser, for pages that only need the access token for their API calls. */
export function requireSignIn(locals: App.Locals, returnTo: URL | string): string {
  return requireUser(locals, returnTo).accessToken;
}

/** Signed in and holding the permission; returns the access token for the API calls the page makes. */
export function requirePermission(locals: App.Locals, returnTo: URL | string, permission: Permission): string {
  const accessToken = requireSignIn(locals, returnTo);
  if (!can(locals.user, permission)) error(403, { message: 'This page is for council staff only' });
  return accessToken;
}
