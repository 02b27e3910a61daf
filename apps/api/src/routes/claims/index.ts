// A provider's side of claiming a listing the CQC import made: find it, then follow the claims they made.
// Making a claim is POST /organisations/:id/claims; council staff decide under /moderation/claims.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ClaimSearchQuerySchema,
  ClaimSearchResponseSchema,
  MyClaimsResponseSchema,
  PageQuerySchema,
  ProblemSchema,
} from '@care-assist/domain';
import { pageOfList } from '../short-lists.ts';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const security = [{ bearerAuth: [] }];
const tags = ['organisations'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const claims = app.modules.claims;

  app.get(
    '/services',
    {
      schema: {
        operationId: 'findClaimableServices',
        tags,
        security,
        summary: 'Find your listing by name, CQC location or provider id, or postcode, and whether it can be claimed',
        querystring: ClaimSearchQuerySchema,
        response: { 200: ClaimSearchResponseSchema, ...problems },
      },
    },
    async (request) => pageOfList(request.query, () => claims.search(request.actor, request.query.q)),
  );

  app.get(
    '/mine',
    {
      schema: {
        operationId: 'listMyClaims',
        tags,
        security,
        summary: "The caller's claims with the council's decision",
        querystring: PageQuerySchema,
        response: { 200: MyClaimsResponseSchema, ...problems },
      },
    },
    async (request) => pageOfList(request.query, () => claims.mine(request.actor)),
  );
};
export default routes;
