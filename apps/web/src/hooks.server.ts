// Every request: find out who is signed in (refreshing the access token when it has expired),
// add security headers, and make sure errors never show a stack trace.
import { isHttpError, type Handle, type HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { compressResponse } from '$lib/server/compress';
import { requestContext } from '$lib/server/request-context';
import type { AuthResponse, User } from '@care-assist/domain';
import { api, UNAVAILABLE_MESSAGE } from '$lib/server/api';
import { refuseCrossSiteForm } from '$lib/server/cross-site-forms';
import { ACCESS_COOKIE, REFRESH_COOKIE, endSession, refreshTokenFrom, startSession } from '$lib/server/session';

type Refreshed = { auth: AuthResponse; refreshToken: string | null } | null;

// The API rotates refresh tokens and treats a reused one as theft. Two requests from the same browser can carry
// the same old token at once (e.g. link preloading), so we share one refresh per token for a few seconds.
const REFRESH_SHARE_MS = 10_000;
const recentRefreshes = new Map<string, Promise<Refreshed>>();

function refreshOnce(refreshToken: string): Promise<Refreshed> {
  const pending = recentRefreshes.get(refreshToken);
  if (pending) return pending;
  const refreshing = api.refresh(refreshToken).then(
    (result) => (result.ok ? { auth: result.data, refreshToken: refreshTokenFrom(result.headers) } : null),
    (cause: unknown) => {
      recentRefreshes.delete(refreshToken); // an outage is not an answer worth sharing
      throw cause;
    },
  );
  recentRefreshes.set(refreshToken, refreshing);
  setTimeout(() => recentRefreshes.delete(refreshToken), REFRESH_SHARE_MS).unref();
  return refreshing;
}

/** The signed-in user, or null when the API says the token is not (or no longer) valid. */
async function currentUser(accessToken: string): Promise<User | null> {
  const result = await api.me(accessToken);
  return result.ok ? result.data : null;
}

const authenticate: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  event.locals.accessToken = null;

  const accessToken = event.cookies.get(ACCESS_COOKIE);
  const refreshToken = event.cookies.get(REFRESH_COOKIE);

  try {
    if (accessToken) {
      const user = await currentUser(accessToken);
      if (user) {
        event.locals.user = user;
        event.locals.accessToken = accessToken;
      }
    }
    if (!event.locals.user && refreshToken) {
      const refreshed = await refreshOnce(refreshToken);
      if (refreshed) {
        startSession(event.cookies, event.url, refreshed.auth, refreshed.refreshToken ?? refreshToken);
        event.locals.user = refreshed.auth.user;
        event.locals.accessToken = refreshed.auth.accessToken;
      }
    }
    if (!event.locals.user && (accessToken || refreshToken)) endSession(event.cookies, event.url);
  } catch (cause) {
    // The API is unreachable: carry on signed out for this request, but keep the cookies for when it is back.
    if (!isHttpError(cause)) throw cause;
    event.locals.user = null;
    event.locals.accessToken = null;
  }

  return resolve(event);
};

const pageStatus: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  // A load function can ask for a 4xx status while still rendering the page (e.g. a search with an unknown
  // postcode shows the form with its error). Data requests keep their 200 so client-side navigation works.
  const status = event.locals.pageStatus;
  if (status && response.status === 200 && !event.isDataRequest) {
    return new Response(response.body, { status, headers: response.headers });
  }
  return response;
};

const securityHeaders: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  response.headers.set('x-frame-options', 'DENY');
  response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  if (event.locals.user) response.headers.set('cache-control', 'private, no-store');
  return response;
};

const withRequestContext: Handle = ({ event, resolve }) =>
  requestContext.run({ clientAddress: event.getClientAddress() }, () => resolve(event));

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `npm start` serves the site at http://localhost:PORT (ORIGIN). Opened as 127.0.0.1 instead, every form would be
 * refused by SvelteKit's cross-site check, so a page asked for under another loopback name is sent to the
 * configured origin first. Only loopback names are redirected: the target is always our own ORIGIN.
 */
const canonicalLoopbackHost: Handle = async ({ event, resolve }) => {
  const host = event.request.headers.get('host');
  const { method } = event.request;
  if (host && (method === 'GET' || method === 'HEAD')) {
    const asked = new URL(`http://${host}`);
    const configured = event.url;
    if (
      asked.host !== configured.host &&
      asked.port === configured.port &&
      LOOPBACK.has(asked.hostname) &&
      LOOPBACK.has(configured.hostname)
    ) {
      return new Response(null, {
        status: 308,
        headers: { location: `${configured.origin}${configured.pathname}${configured.search}` },
      });
    }
  }
  return resolve(event);
};

/** Outermost, so what goes over the wire is the finished response. */
const compression: Handle = async ({ event, resolve }) => compressResponse(event.request, await resolve(event));

/** Cross-site form posts are refused, except a mail client's one-click unsubscribe (see cross-site-forms.ts). */
const crossSiteForms: Handle = ({ event, resolve }) => refuseCrossSiteForm(event.request, event.url) ?? resolve(event);

export const handle = sequence(
  compression,
  crossSiteForms,
  canonicalLoopbackHost,
  withRequestContext,
  authenticate,
  securityHeaders,
  pageStatus,
);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
  if (status === 404) return { message: 'Page not found', code: 'not_found' };
  console.error(`Unexpected error on ${event.request.method} ${event.url.pathname}:`, error);
  if (status === 503) return { message: UNAVAILABLE_MESSAGE, code: 'unavailable' };
  return { message: status >= 500 ? 'Sorry, there is a problem with the service' : message, code: 'unexpected' };
};
