// Passes public open data (Open Referral UK under /openreferral/, /open-data downloads) through from the API, so
// the public reaches it at the web app's own origin. The API's status, body, ETag, Cache-Control, content type
// and rate limit headers come back unchanged; If-None-Match goes on, so a 304 stays a 304.
import { isHttpError } from '@sveltejs/kit';
import { send, UNAVAILABLE_MESSAGE } from './api';

const TIMEOUT_MS = 15_000;

const PASSED_BACK = [
  'content-type',
  'content-disposition',
  'etag',
  'cache-control',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
];

/** GETs `apiPath` (with its query string) from the API and answers with what the API said. */
export async function passThrough(apiPath: string, request: Request): Promise<Response> {
  const headers: Record<string, string> = { accept: request.headers.get('accept') ?? '*/*' };
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch) headers['if-none-match'] = ifNoneMatch;

  let upstream: Response;
  try {
    upstream = await send(apiPath, { headers, timeoutMs: TIMEOUT_MS });
  } catch (cause) {
    // Open data is read by programs: an API that cannot be reached is a problem+json 503, not an HTML page.
    if (isHttpError(cause) && cause.status === 503) return problem(503, 'Service unavailable', UNAVAILABLE_MESSAGE);
    throw cause;
  }
  const answer = new Headers({ 'x-content-type-options': 'nosniff' });
  for (const name of PASSED_BACK) {
    const value = upstream.headers.get(name);
    if (value) answer.set(name, value);
  }
  const body = upstream.status === 304 ? null : await upstream.arrayBuffer();
  return new Response(body, { status: upstream.status, headers: answer });
}

function problem(status: number, title: string, detail: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
  });
}
