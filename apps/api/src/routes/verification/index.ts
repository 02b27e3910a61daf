// The council's verification queue for listings, and verifying organisations. Council staff only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ModerationDecisionSchema,
  OrganisationClaimSchema,
  OrganisationSchema,
  PageQuerySchema,
  PageSchema,
  ProblemSchema,
  ProviderListingSchema,
  PublishDecisionSchema,
  VerificationItemSchema,
  VerificationQueueQuerySchema,
  VerificationQueueSchema,
} from '@care-assist/domain';
import { IdParams } from '../params.ts';
import { pageOfList } from '../short-lists.ts';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const security = [{ bearerAuth: [] }];
const tags = ['moderation'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const verification = app.modules.verification;
  // A note is optional on publish and verify, so a POST with no body at all is a valid request.
  const emptyBodyIsEmptyObject = async (request: { body: unknown }) => {
    request.body ??= {};
  };

  app.get(
    '/services',
    {
      schema: {
        operationId: 'listingVerificationQueue',
        tags,
        security,
        summary: 'Listings by status, oldest first (default: pending, the verification queue)',
        querystring: VerificationQueueQuerySchema,
        response: { 200: VerificationQueueSchema, ...problems },
      },
    },
    async (request) => verification.queue(request.actor, request.query),
  );

  app.get(
    '/services/:id',
    {
      schema: {
        operationId: 'getListingForVerification',
        tags,
        security,
        summary: 'One listing with what to check',
        params: IdParams,
        response: { 200: VerificationItemSchema, ...problems },
      },
    },
    async (request) => verification.get(request.actor, request.params.id),
  );

  app.post(
    '/services/:id/publish',
    {
      schema: {
        operationId: 'publishListing',
        tags,
        security,
        summary: 'Publish a pending listing, or reinstate a suspended one',
        params: IdParams,
        body: PublishDecisionSchema,
        response: { 200: ProviderListingSchema, ...problems },
      },
      preValidation: emptyBodyIsEmptyObject,
    },
    async (request) => verification.publish(request.actor, request.params.id, request.body.note),
  );

  app.post(
    '/services/:id/reject',
    {
      schema: {
        operationId: 'rejectListing',
        tags,
        security,
        summary: 'Reject a pending listing with a reason code and a note for the provider',
        params: IdParams,
        body: ModerationDecisionSchema,
        response: { 200: ProviderListingSchema, ...problems },
      },
    },
    async (request) => verification.reject(request.actor, request.params.id, request.body),
  );

  app.post(
    '/services/:id/suspend',
    {
      schema: {
        operationId: 'suspendListing',
        tags,
        security,
        summary: 'Take a listing out of public view with a reason code and a note',
        params: IdParams,
        body: ModerationDecisionSchema,
        response: { 200: ProviderListingSchema, ...problems },
      },
    },
    async (request) => verification.suspend(request.actor, request.params.id, request.body),
  );

  app.post(
    '/organisations/:id/verify',
    {
      schema: {
        operationId: 'verifyOrganisation',
        tags,
        security,
        summary: 'Record that the council has checked who the organisation is',
        params: IdParams,
        body: PublishDecisionSchema,
        response: { 200: OrganisationSchema, ...problems },
      },
      preValidation: emptyBodyIsEmptyObject,
    },
    async (request) => verification.verifyOrganisation(request.actor, request.params.id, request.body.note),
  );

  app.get(
    '/claims',
    {
      schema: {
        operationId: 'listOrganisationClaims',
        tags,
        security,
        summary: 'Pending claims on organisations the CQC import created',
        querystring: PageQuerySchema,
        response: { 200: PageSchema(OrganisationClaimSchema), ...problems },
      },
    },
    async (request) => pageOfList(request.query, () => app.modules.claims.pending(request.actor)),
  );

  app.post(
    '/claims/:id/approve',
    {
      schema: {
        operationId: 'approveOrganisationClaim',
        tags,
        security,
        summary: 'The claimant becomes the owner and the organisation is verified',
        params: IdParams,
        body: PublishDecisionSchema,
        response: { 200: OrganisationClaimSchema, ...problems },
      },
      preValidation: emptyBodyIsEmptyObject,
    },
    async (request) => app.modules.claims.approve(request.actor, request.params.id, request.body.note),
  );

  app.post(
    '/claims/:id/reject',
    {
      schema: {
        operationId: 'rejectOrganisationClaim',
        tags,
        security,
        summary: 'Refuse a claim with a reason code and note',
        params: IdParams,
        body: ModerationDecisionSchema,
        response: { 200: OrganisationClaimSchema, ...problems },
      },
    },
    async (request) => app.modules.claims.reject(request.actor, request.params.id, request.body),
  );
};
export default routes;
