// Liveness, readiness and Prometheus metrics for the orchestrator and the on-call engineer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { NotFound } from '../../errors.ts';

const Check = Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) });
const SearchCheck = Type.Object({
  ok: Type.Boolean(),
  detail: Type.Optional(Type.String()),
  /** Which search answers right now: Meilisearch, or the Postgres fallback while Meilisearch is down. */
  backend: Type.Union([Type.Literal('meilisearch'), Type.Literal('postgres')]),
});
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('unavailable')]),
  checks: Type.Object({ database: Check, search: SearchCheck }),
});

const routes: FastifyPluginAsyncTypebox<{ metricsToken?: string | undefined }> = async (app, opts) => {
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: {
        operationId: 'health',
        tags: ['ops'],
        summary: 'The process is alive',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { rateLimit: false },
      schema: {
        operationId: 'ready',
        tags: ['ops'],
        summary: 'The database and the search engine are reachable',
        description:
          '`ready` (200): database and Meilisearch up. `degraded` (200): the database is up but Meilisearch is ' +
          'not, so search is answered by the Postgres fallback; the API still serves every request, so it ' +
          'stays in the load balancer. `unavailable` (503): the database is down.',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const [database, search] = await Promise.all([
        app.database.ping().then(
          () => ({ ok: true }),
          (error: Error) => ({ ok: false, detail: error.message }),
        ),
        app.searchIndex.health().then(({ ok, detail }) => ({ ok, ...(detail ? { detail } : {}) })),
      ]);
      const primaryIsMeili = app.searchIndex.backend === 'meilisearch';
      const searchCheck = {
        ...search,
        ok: search.ok && primaryIsMeili,
        ...(primaryIsMeili ? {} : { detail: 'Meilisearch did not start; search runs on Postgres' }),
        backend: search.ok ? app.searchIndex.backend : 'postgres',
      } as const;
      const status = !database.ok ? 'unavailable' : searchCheck.ok ? 'ready' : 'degraded';
      return reply
        .code(status === 'unavailable' ? 503 : 200)
        .send({ status, checks: { database, search: searchCheck } });
    },
  );

  app.get(
    '/metrics',
    {
      // The scraper's token is not an access token: the actor hook leaves this route alone.
      config: { rateLimit: false, ownAuthorisation: true },
      schema: { operationId: 'metrics', tags: ['ops'], summary: 'Prometheus metrics (token or same machine only)' },
    },
    async (request, reply) => {
      if (!mayReadMetrics(request, opts.metricsToken)) {
        throw new NotFound(`There is no GET /metrics`);
      }
      reply.type(app.metrics.contentType);
      return app.metrics.metrics();
    },
  );
};
export default routes;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Metrics describe traffic and the process, so they are not public. With METRICS_TOKEN set the scraper must
 * send `Authorization: Bearer <token>`; without it only a caller on this machine may read them. The socket's
 * address is used, never request.ip, which a trusted proxy's X-Forwarded-For can set. Refusals look like 404.
 */
function mayReadMetrics(request: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const sent = Buffer.from(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');
    const expected = Buffer.from(token);
    return sent.length === expected.length && timingSafeEqual(sent, expected);
  }
  return LOOPBACK.has(request.socket.remoteAddress ?? '');
}
