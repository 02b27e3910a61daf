// As-you-type suggestions for the search form (places and care types).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemSchema, SuggestionsQuerySchema, SuggestionsResponseSchema } from '@care-assist/domain';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      schema: {
        operationId: 'suggest',
        tags: ['services'],
        summary: 'Suggestions for what is being typed: towns with services, postcode districts and care types',
        querystring: SuggestionsQuerySchema,
        response: { 200: SuggestionsResponseSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'public, max-age=60');
      return { suggestions: await app.modules.directory.suggest(request.query.q) };
    },
  );
};
export default routes;
