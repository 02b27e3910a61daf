// The signed-in user's shortlist of care services.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  pageQueryProperties,
  ProblemSchema,
  SHORTLIST_LIMIT,
  ShortlistMergeBodySchema,
  ShortlistSchema,
} from '@care-assist/domain';
import { pageOfList } from '../short-lists.ts';

/** A change answers with the whole shortlist, which always fits on one page. */
const whole = <T>(items: T[]) => pageOfList({}, async () => items, SHORTLIST_LIMIT);

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
        querystring: Type.Object(pageQueryProperties(SHORTLIST_LIMIT), { additionalProperties: false }),
        response: { 200: ShortlistSchema, 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (request) => pageOfList(request.query, () => shortlist().list(request.actor), SHORTLIST_LIMIT),
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
    async (request) => whole(await shortlist().add(request.actor, request.params.serviceId)),
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
    async (request) => whole(await shortlist().remove(request.actor, request.params.serviceId)),
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
    async (request) => whole(await shortlist().merge(request.actor, request.body.serviceIds)),
  );
};
export default routes;
