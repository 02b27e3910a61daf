// Council insight for commissioners: one endpoint per view, a CSV of each of its tables, an on-demand
// refresh, and whether the caller may see any of it. Authorisation is in the service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  INSIGHT_VIEWS,
  InsightAccessSchema,
  InsightFiltersSchema,
  InsightViewSchema,
  ProblemSchema,
} from '@care-assist/domain';

const security = [{ bearerAuth: [] }];
const ViewParams = Type.Object({ view: Type.Enum([...INSIGHT_VIEWS]) });
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/access',
    {
      schema: {
        operationId: 'insightAccess',
        tags: ['insight'],
        summary: 'Whether the caller is a commissioner (may see council insight)',
        // Anyone may ask; without a token the answer is no.
        security: [{}, ...security],
        response: { 200: InsightAccessSchema },
      },
    },
    async (request) => ({ commissioner: await app.modules.commissioners.isCommissioner(request.actor) }),
  );

  app.post(
    '/refresh',
    {
      schema: {
        operationId: 'refreshInsight',
        tags: ['insight'],
        summary: 'Rebuild the insight summaries now',
        security,
        response: {
          200: Type.Object({ refreshedAt: Type.String(), durationsMs: Type.Record(Type.String(), Type.Integer()) }),
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async (request) => {
      const result = await app.modules.insight.refresh(request.actor);
      return { refreshedAt: result.refreshedAt.toISOString(), durationsMs: result.durationsMs };
    },
  );

  app.post(
    '/recognitions',
    {
      schema: {
        operationId: 'awardRecognitions',
        tags: ['insight'],
        summary: 'Work out "highly rated" recognition now (council admins): this year, or a past year not yet awarded',
        security,
        body: Type.Object(
          { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            year: Type.Integer(),
            asAt: Type.String(),
            recognised: Type.Integer(),
            groups: Type.Integer(),
          }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          409: ProblemSchema,
        },
      },
    },
    async (request) => app.modules.recognitions.awardOnDemand(request.actor, request.body?.year),
  );

  app.get(
    '/:view',
    {
      schema: {
        operationId: 'insightView',
        tags: ['insight'],
        summary: 'One insight view: tables, charts and a text summary, with small numbers suppressed',
        security,
        params: ViewParams,
        querystring: InsightFiltersSchema,
        response: { 200: InsightViewSchema, ...problems },
      },
    },
    async (request) => app.modules.insight.view(request.actor, request.params.view, request.query),
  );

  app.get(
    '/:view/csv/:table',
    {
      schema: {
        operationId: 'insightCsv',
        tags: ['insight'],
        summary: 'One table of an insight view as CSV',
        security,
        params: Type.Object({ view: Type.Enum([...INSIGHT_VIEWS]), table: Type.String({ pattern: '^[a-z-]{1,40}$' }) }),
        querystring: InsightFiltersSchema,
        response: { 200: Type.String(), 404: ProblemSchema, ...problems },
      },
    },
    async (request, reply) => {
      const csv = await app.modules.insight.csv(
        request.actor,
        request.params.view,
        request.query,
        request.params.table,
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csv.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(csv.body);
    },
  );
};
export default routes;
