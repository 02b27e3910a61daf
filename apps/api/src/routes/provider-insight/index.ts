// Providers' insight about their own organisation's services (members only; checked in the service).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { InsightViewSchema, ProblemSchema } from '@care-assist/domain';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        operationId: 'providerInsight',
        tags: ['insight'],
        summary:
          "Insight about one of the caller's own organisations: views, enquiries, quotes, ratings against the area, outcomes",
        security: [{ bearerAuth: [] }],
        querystring: Type.Object(
          {
            organisation_id: Type.String({ format: 'uuid' }),
            from: Type.Optional(IsoDate),
            to: Type.Optional(IsoDate),
          },
          { additionalProperties: false },
        ),
        response: {
          200: InsightViewSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (request) => {
      const { organisation_id: organisationId, ...dates } = request.query;
      return app.modules.insight.provider(request.actor, organisationId, dates);
    },
  );
};
export default routes;
