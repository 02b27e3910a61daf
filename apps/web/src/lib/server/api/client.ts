// The one way the web server reaches the Care Assist API: every call, JSON or not, goes through `send`, so the
// base URL, the timeout, the forwarded headers and the friendly 503 for an API that cannot be reached are
// decided here and nowhere else. `request` reads JSON and problem+json answers into typed results.
import { env } from '$env/dynamic/private';
import { error } from '@sveltejs/kit';
import type { Problem } from '@care-assist/domain';
import { requestContext } from '../request-context';

const DEFAULT_API_URL = 'http://127.0.0.1:3001';
const TIMEOUT_MS = 10_000;

export const UNAVAILABLE_MESSAGE = 'The service is not available right now, please try again shortly';

let apiUrl: string | undefined;
function baseUrl(): string {
  // Read once, on first use: $env/dynamic/private is only populated once the server has started.
  apiUrl ??= (env.API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
  return apiUrl;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T; headers: Headers }
  | { ok: false; status: number; problem: Problem; headers: Headers };

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | string[] | undefined>;
  /** Sent as JSON, or as it is when it is a FormData (multipart). */
  body?: unknown;
  accessToken?: string | null;
  refreshToken?: string | null;
  /** For money-moving requests: the same key on a retry makes the API return the first answer. */
  idempotencyKey?: string;
  /** Extra request headers (e.g. x-page-view); they win over the ones set here. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Thrown (as a SvelteKit HttpError) when the API is down, times out or fails on its side. */
export function unavailable(): never {
  error(503, { message: UNAVAILABLE_MESSAGE, code: 'unavailable' });
}

/**
 * Fetches `path` (from the API's root, e.g. `/api/v1/services`) and returns the API's response, whatever its
 * status. When the API cannot be reached or does not answer in time, throws the 503 of `unavailable()`.
 */
export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const url = new URL(`${baseUrl()}${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== '') url.searchParams.append(key, one);
    }
  }

  const multipart = options.body instanceof FormData;
  const headers = new Headers({ accept: 'application/json, application/problem+json' });
  if (options.body !== undefined && !multipart) headers.set('content-type', 'application/json');
  if (options.accessToken) headers.set('authorization', `Bearer ${options.accessToken}`);
  if (options.refreshToken) headers.set('cookie', `refresh_token=${options.refreshToken}`);
  const clientAddress = requestContext.getStore()?.clientAddress;
  if (clientAddress) headers.set('x-forwarded-for', clientAddress);
  if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);

  const method = options.method ?? 'GET';
  try {
    return await (options.fetch ?? fetch)(url, {
      method,
      headers,
      body:
        options.body === undefined || multipart ? (options.body as FormData | undefined) : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
    });
  } catch (cause) {
    const reason =
      cause instanceof Error ? ((cause.cause as { code?: string } | undefined)?.code ?? cause.message) : cause;
    console.error(`API ${method} ${url.pathname} failed: ${String(reason)}`);
    unavailable();
  }
}

/** A JSON call to `/api/v1${path}`. A failure on the API's side (5xx) is the same 503 as no answer at all. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const response = await send(`/api/v1${path}`, options);
  if (response.status >= 500) {
    console.error(`API ${options.method ?? 'GET'} /api/v1${path} answered ${response.status}`);
    unavailable();
  }
  if (response.ok) {
    const data = response.status === 204 ? (undefined as T) : ((await response.json()) as T);
    return { ok: true, status: response.status, data, headers: response.headers };
  }
  return { ok: false, status: response.status, problem: await readProblem(response), headers: response.headers };
}

/**
 * A GET whose body is not JSON (a CSV, a photo), under `/api/v1${path}`: the response itself when the API said
 * yes, to pass on as it comes, or the problem it answered.
 */
export async function download(path: string, options: RequestOptions = {}): Promise<ApiResult<Response>> {
  const response = await send(`/api/v1${path}`, options);
  if (response.ok) return { ok: true, status: response.status, data: response, headers: response.headers };
  return { ok: false, status: response.status, problem: await readProblem(response), headers: response.headers };
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return {
      type: body.type ?? 'about:blank',
      title: body.title ?? response.statusText,
      status: body.status ?? response.status,
      ...(body.detail ? { detail: body.detail } : {}),
      ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
    };
  } catch {
    return { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status };
  }
}
