// Liveness, readiness and Prometheus metrics for the orchestrator and the on-call engineer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

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

const routes: FastifyPluginAsyncTypebox = async (app) => {
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
    { config: { rateLimit: false }, schema: { operationId: 'metrics', tags: ['ops'], summary: 'Prometheus metrics' } },
    async (_request, reply) => {
      reply.type(app.metrics.contentType);
      return app.metrics.metrics();
    },
  );
};
export default routes;
