// OpenAPI 3 document at /docs/json, generated from the TypeBox route schemas, with a UI at /docs.
// The route schemas say what Fastify validates and serialises; the few things the document must say on top
// (who needs a token, problem+json media type, Location and WWW-Authenticate headers, a multipart body that
// Fastify does not validate) are added here, once, so no route has to repeat them.
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TSchema } from 'typebox';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The request body for the OpenAPI document only, for a body Fastify does not validate itself
     * (multipart uploads, read part by part in the handler).
     */
    documentedBody?: TSchema;
  }
}

/** Every tag an operation may use, with the sentence a reader of the document sees. */
export const TAGS = [
  { name: 'services', description: 'The care services directory: search, service pages, suggestions, photos' },
  { name: 'auth', description: 'Sign up, sign in, token refresh and sign out, and the signed-in account' },
  { name: 'shortlist', description: 'The services a signed-in person keeps to compare' },
  { name: 'budgets', description: 'Personal budgets: allocations, the ledger, statements, brokerage income' },
  { name: 'bookings', description: 'Quote requests, quotes, acceptance, messages and the life of a booking' },
  { name: 'invoices', description: 'Invoices against bookings: approval, payment, disputes' },
  { name: 'notifications', description: "The signed-in person's notifications" },
  { name: 'reviews', description: 'Reviews of services, provider responses, reports and helpful votes' },
  { name: 'questions', description: 'Public questions about a service and their answers' },
  { name: 'moderation', description: 'Council staff: review, question and listing moderation, claims, audit log' },
  { name: 'organisations', description: 'Provider organisations, their members, invitations and claims' },
  { name: 'provider', description: "Providers: their organisation's listings and photos" },
  { name: 'outcomes', description: 'Outcome reviews, delivered hours, admissions and council care packages' },
  { name: 'insight', description: 'Council insight dashboards and who may see them; provider insight' },
  { name: 'ops', description: 'Health, readiness and metrics' },
  { name: 'open data', description: 'Downloads of the directory, ratings and price benchmarks (no personal data)' },
  {
    name: 'open referral',
    description: 'The public directory as Open Referral UK (HSDS 3.0 UK profile): published services only',
  },
] as const;

const BEARER = { bearerAuth: [] as string[] };

type Json = Record<string, unknown>;
interface Operation {
  security?: Json[];
  responses?: Record<string, Json & { content?: Record<string, Json>; headers?: Json }>;
}

/**
 * Finishes the generated document: paths without a trailing slash, problem responses as
 * application/problem+json, Bearer security on every operation that can answer 401 and does not say otherwise,
 * and the Location and WWW-Authenticate headers every 201 and 401 answer carries (see problem-json.ts and
 * routes/created.ts).
 */
export function finishDocument<T extends { paths?: object }>(document: T): T {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [url, operations] of Object.entries((document.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    const path = url.length > 1 ? url.replace(/\/+$/, '') : url;
    paths[path] = { ...paths[path], ...operations };
  }
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations) as Operation[]) {
      const responses = operation.responses ?? {};
      if (responses['401'] && operation.security === undefined) operation.security = [BEARER];
      for (const [status, response] of Object.entries(responses)) {
        const code = Number(status);
        if (code >= 400 && response.content) {
          const schema = Object.values(response.content)[0]?.schema;
          response.content = { 'application/problem+json': { schema } };
        }
        if (code === 201) {
          response.headers = {
            ...response.headers,
            Location: { description: 'The address of what was created', schema: { type: 'string' } },
          };
        }
        if (code === 401) {
          response.headers = {
            ...response.headers,
            'WWW-Authenticate': {
              description: 'Bearer, with the reason when a token was refused',
              schema: { type: 'string' },
            },
          };
        }
      }
    }
  }
  return { ...document, paths };
}

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Care Assist API',
          description:
            'Find, compare and arrange care services. Errors are application/problem+json (RFC 9457). ' +
            'Lists answer one envelope: items, total, page, perPage, totalPages (query: page, per_page).',
          version: '0.1.0',
          license: { name: 'MIT', identifier: 'MIT' },
        },
        // Relative: the document describes the host that serves it (behind the council's proxy or not).
        servers: [{ url: '/', description: 'The server this document was fetched from' }],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            refreshCookie: { type: 'apiKey', in: 'cookie', name: 'refresh_token' },
          },
        },
        tags: TAGS.map((tag) => ({ ...tag })),
      },
      transform: ({ schema, url, route }) => {
        const documentedBody = route.config?.documentedBody;
        return { schema: documentedBody ? { ...schema, body: documentedBody } : schema, url };
      },
      transformObject: (documentObject) =>
        'openapiObject' in documentObject ? finishDocument(documentObject.openapiObject) : documentObject.swaggerObject,
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  },
  { name: 'swagger' },
);
