// The signed-in user's shortlist of care services.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemSchema, ShortlistMergeBodySchema, ShortlistSchema } from '@care-assist/domain';

const ServiceParams = Type.Object({ serviceId: Type.String({ format: 'uuid' }) });
const security = [{ bearerAuth: [] }];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const shortlist = () => app.modules.shortlist;

  app.get(
    '/',
    {
      schema: {
        operationId: 'getShortlist',
        tags: ['shortlist'],
        summary: 'The services on my shortlist that are still published, newest first',
        security,
        response: { 200: ShortlistSchema, 401: ProblemSchema },
      },
    },
    async (request) => ({ items: await shortlist().list(request.actor) }),
  );

  app.put(
    '/:serviceId',
    {
      schema: {
        operationId: 'addToShortlist',
        tags: ['shortlist'],
        summary: 'Add a service to my shortlist (adding it twice changes nothing)',
        security,
        params: ServiceParams,
        response: {
          200: ShortlistSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
        },
      },
    },
    async (request) => ({ items: await shortlist().add(request.actor, request.params.serviceId) }),
  );

  app.delete(
    '/:serviceId',
    {
      schema: {
        operationId: 'removeFromShortlist',
        tags: ['shortlist'],
        summary: 'Remove a service from my shortlist',
        security,
        params: ServiceParams,
        response: { 200: ShortlistSchema, 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (request) => ({ items: await shortlist().remove(request.actor, request.params.serviceId) }),
  );

  app.post(
    '/merge',
    {
      schema: {
        operationId: 'mergeShortlist',
        tags: ['shortlist'],
        summary: 'Merge a shortlist kept before signing in; services no longer listed are skipped',
        security,
        body: ShortlistMergeBodySchema,
        response: { 200: ShortlistSchema, 400: ProblemSchema, 401: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request) => ({ items: await shortlist().merge(request.actor, request.body.serviceIds) }),
  );
};
export default routes;
