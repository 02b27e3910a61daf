// Our own copy of SvelteKit's cross-site form check, with one exception it cannot express: the one-click unsubscribe
// link of a notification e-mail (RFC 8058). A mail client POSTs `List-Unsubscribe=One-Click` to that address with
// no cookies and no Origin header, which SvelteKit's check (per app, not per route) refuses. svelte.config.js turns
// SvelteKit's check off (`trustedOrigins: ['*']`) and this one runs first in hooks.server.ts instead.
// The exception is safe because the unsubscribe action uses no cookie or session: the signed token in the address
// is its whole authority, and all it can do is switch one kind of e-mail off.

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// SvelteKit's list (its own binary form encoding included). A request with no content type counts as a form too:
// stricter than SvelteKit, and nothing of ours posts cross-site without one.
const FORM_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
  'application/x-sveltekit-formdata',
];
/** /unsubscribe/<payload>.<signature>, base64url both (see the API's unsubscribe-token.ts). */
const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function isFormContentType(request: Request): boolean {
  const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? 'text/plain';
  return FORM_TYPES.includes(type);
}

/** The 403 SvelteKit would give, or null when the request may go on. */
export function refuseCrossSiteForm(request: Request, url: URL): Response | null {
  if (!UNSAFE_METHODS.has(request.method) || !isFormContentType(request)) return null;
  if (request.headers.get('origin') === url.origin) return null;
  if (request.method === 'POST' && ONE_CLICK_UNSUBSCRIBE.test(url.pathname)) return null;
  const message = `Cross-site ${request.method} form submissions are forbidden`;
  if (request.headers.get('accept') === 'application/json') {
    return Response.json({ message }, { status: 403 });
  }
  return new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
