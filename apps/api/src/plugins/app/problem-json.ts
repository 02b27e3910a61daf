// Every error leaves as application/problem+json (RFC 9457). Stack traces and SQL never leave the process.
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../database-unavailable.ts';
import { HttpProblem, TooManyRequests, type FieldError } from '../../errors.ts';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorised',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
};

function slug(title: string): string {
  return `/problems/${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/**
 * RFC 9110 wants a challenge on every 401; RFC 6750 says how a Bearer one reads. A caller who sent a token
 * learns it was refused (invalid_token); one who sent none is told which scheme to use.
 */
function bearerChallenge(request: FastifyRequest): string {
  const realm = 'realm="care-assist"';
  return request.headers.authorization ? `Bearer ${realm}, error="invalid_token"` : `Bearer ${realm}`;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, body: Omit<ProblemBody, 'instance'>) {
  if (body.status === 401) reply.header('www-authenticate', bearerChallenge(request));
  return reply
    .code(body.status)
    .type('application/problem+json')
    .send({ ...body, instance: request.url.split('?')[0] });
}

/** Turns Ajv's messages into per-field errors a form can show next to its input. */
function fieldErrors(error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string; additionalProperty?: string } | undefined) ?? {};
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = missing.missingProperty ?? missing.additionalProperty ?? path ?? '';
    let message = v.message ?? 'is not valid';
    if (missing.additionalProperty) message = 'is not a recognised parameter';
    return { field: field || (error.validationContext ?? 'body'), message };
  });
}

// PostgreSQL's codes for text it cannot store: NUL bytes (22021) and characters outside the encoding (22P05).
const BAD_TEXT_CODES = new Set(['22021', '22P05']);

/** drizzle wraps driver errors, so look at the cause chain for the PostgreSQL error code. */
function isBadTextForPostgres(error: unknown): boolean {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if (BAD_TEXT_CODES.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof HttpProblem) {
        if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
        return sendProblem(reply, request, {
          type: error.type,
          title: error.title,
          status: error.status,
          ...(error.detail ? { detail: error.detail } : {}),
          ...(error.errors?.length ? { errors: error.errors } : {}),
        });
      }
      if (error.validation) {
        const errors = fieldErrors(error);
        return sendProblem(reply, request, {
          type: slug('Validation failed'),
          title: 'Validation failed',
          status: 400,
          detail: `The ${error.validationContext ?? 'request'} is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
          errors,
        });
      }
      if (isBadTextForPostgres(error)) {
        // Validation refuses control characters first; this is the net for a route whose schema misses a field.
        return sendProblem(reply, request, {
          type: slug('Validation failed'),
          title: 'Validation failed',
          status: 400,
          detail: 'The request contains characters that cannot be stored.',
        });
      }
      if (isDatabaseUnavailable(error)) {
        // The connection went away mid-request; the pool reconnects, so the caller may simply try again.
        request.log.warn({ err: error }, 'database connection lost during the request');
        reply.header('retry-after', '2');
        return sendProblem(reply, request, {
          type: slug('Service unavailable'),
          title: 'Service unavailable',
          status: 503,
          detail: 'The database connection was interrupted before this request finished; please try again.',
        });
      }
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        const title = TITLES[status] ?? 'Bad request';
        // Fastify's own 4xx messages (bad JSON, wrong content type, rate limit) are safe to show.
        return sendProblem(reply, request, { type: slug(title), title, status, detail: error.message });
      }
      request.log.error({ err: error }, 'unhandled error');
      return sendProblem(reply, request, {
        type: slug('Internal server error'),
        title: 'Internal server error',
        status: 500,
        detail: 'Something went wrong on our side. It has been logged; please try again.',
      });
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, request, {
        type: slug('Not found'),
        title: 'Not found',
        status: 404,
        detail: `There is no ${request.method} ${request.url.split('?')[0]}`,
      }),
    );
  },
  { name: 'problem-json' },
);
