// The public directory of care services.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemSchema, SearchQuerySchema, SearchResponseSchema, ServiceDetailSchema } from '@care-assist/domain';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        operationId: 'searchServices',
        tags: ['services'],
        summary: 'Search published care services by words, place, distance and filters, with facet counts',
        description:
          'Answered by Meilisearch, or by the Postgres fallback when Meilisearch is unreachable; the ' +
          '`X-Search-Backend` response header says which (`meilisearch` or `postgres`).',
        querystring: SearchQuerySchema,
        response: { 200: SearchResponseSchema, 400: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { response, backend } = await app.modules.directory.search(request.query);
      void reply.header('x-search-backend', backend);
      return response;
    },
  );

  app.get(
    '/:idOrSlug',
    {
      schema: {
        operationId: 'getService',
        tags: ['services'],
        summary: 'One published care service, by id or slug',
        params: Type.Object({ idOrSlug: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: ServiceDetailSchema, 404: ProblemSchema },
      },
    },
    async (request) => app.modules.directory.get(request.params.idOrSlug),
  );
};
export default routes;
