// Open Referral UK at the web app's public origin: /openreferral/services?postcode=... answers exactly as the
// API's /openreferral/services does (same JSON, paging, ETag and caching).
import { error } from '@sveltejs/kit';
import { passThrough } from '$lib/server/public-data-proxy';
import type { RequestHandler } from './$types';

// The profile's root is "/openreferral/": keep the trailing slash meaningful rather than redirecting.
export const trailingSlash = 'ignore';

// Only the shapes of Open Referral paths, so nothing ("..", encoded slashes) can lead the request elsewhere.
const OPEN_REFERRAL_PATH = /^(|openapi\.json|[a-z_]+|[a-z_]+\/[0-9A-Za-z-]{1,64})\/?$/;

export const GET = (({ params, url, request }) => {
  if (!OPEN_REFERRAL_PATH.test(params.path)) error(404, { message: 'Page not found' });
  return passThrough(`/openreferral/${params.path}${url.search}`, request);
}) satisfies RequestHandler;
