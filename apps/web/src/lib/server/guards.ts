// Page guards: who must be signed in, and which pages are for council staff only.
import { error, redirect } from '@sveltejs/kit';

export function requireAccessToken(locals: App.Locals, url: URL): string {
  if (!locals.user || !locals.accessToken) {
    redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return locals.accessToken;
}

export function requireCouncilStaff(locals: App.Locals, url: URL): string {
  const token = requireAccessToken(locals, url);
  if (locals.user?.role !== 'moderator' && locals.user?.role !== 'admin') {
    error(403, { message: 'This page is for council staff only' });
  }
  return token;
}
