// Liveness, readiness and Prometheus metrics for the orchestrator and the on-call engineer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const Check = Type.Object({ ok: Type.Boolean(), detail: Type.Optional(Type.String()) });
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('unavailable')]),
  checks: Type.Object({ database: Check, search: Check }),
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
      const status = database.ok && search.ok ? 'ready' : 'unavailable';
      return reply.code(status === 'ready' ? 200 : 503).send({ status, checks: { database, search } });
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
