// The caller's own listings: create, edit, submit for council review.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ListingCreateSchema,
  ListingEditResultSchema,
  ListingPatchSchema,
  ProblemSchema,
  ProviderListingSchema,
} from '@care-assist/domain';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const security = [{ bearerAuth: [] }];
const tags = ['provider'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const listings = app.modules.listings;

  app.get(
    '/',
    {
      schema: {
        operationId: 'listMyListings',
        tags,
        security,
        summary: "Listings of the caller's organisations, in every status",
        response: { 200: Type.Object({ items: Type.Array(ProviderListingSchema) }), 401: ProblemSchema },
      },
    },
    async (request) => ({ items: await listings.listMine(request.actor) }),
  );

  app.post(
    '/',
    {
      schema: {
        operationId: 'createListing',
        tags,
        security,
        summary: 'Create a listing as a draft',
        body: ListingCreateSchema,
        response: { 201: ProviderListingSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await listings.create(request.actor, request.body)),
  );

  app.get(
    '/:id',
    {
      schema: {
        operationId: 'getMyListing',
        tags,
        security,
        summary: 'One of the caller’s listings',
        params: IdParams,
        response: { 200: ProviderListingSchema, ...problems },
      },
    },
    async (request) => listings.get(request.actor, request.params.id),
  );

  app.patch(
    '/:id',
    {
      schema: {
        operationId: 'updateListing',
        tags,
        security,
        summary: 'Edit a listing; significant edits to a published listing send it back to review',
        params: IdParams,
        body: ListingPatchSchema,
        response: { 200: ListingEditResultSchema, ...problems },
      },
    },
    async (request) => listings.update(request.actor, request.params.id, request.body),
  );

  app.post(
    '/:id/submit',
    {
      schema: {
        operationId: 'submitListing',
        tags,
        security,
        summary: 'Ask the council to check and publish a draft or rejected listing',
        params: IdParams,
        response: { 200: ProviderListingSchema, ...problems },
      },
    },
    async (request) => listings.submit(request.actor, request.params.id),
  );
};
export default routes;
