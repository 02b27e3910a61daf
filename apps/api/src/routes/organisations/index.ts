// Provider organisations, their members and staff invitations.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AcceptInvitationBodySchema,
  ClaimBodySchema,
  OrganisationClaimSchema,
  InvitationBodySchema,
  InvitationPreviewSchema,
  InvitationSchema,
  InvitationTokenParams,
  MembersResponseSchema,
  OrganisationBodySchema,
  OrganisationPatchSchema,
  OrganisationSchema,
  PageQuerySchema,
  PageSchema,
  ProblemSchema,
} from '@care-assist/domain';
import { pageOfList } from '../short-lists.ts';
import { IdParams } from '../params.ts';
import { created } from '../created.ts';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const security = [{ bearerAuth: [] }];
const tags = ['organisations'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const organisations = app.modules.organisations;

  app.get(
    '/',
    {
      schema: {
        operationId: 'listMyOrganisations',
        tags,
        security,
        summary: 'The organisations the caller belongs to',
        querystring: PageQuerySchema,
        response: { 200: PageSchema(OrganisationSchema), 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (request) => pageOfList(request.query, () => organisations.listMine(request.actor)),
  );

  app.post(
    '/',
    {
      schema: {
        operationId: 'registerOrganisation',
        tags,
        security,
        summary: 'Register a provider organisation; the caller becomes its owner',
        body: OrganisationBodySchema,
        response: { 201: OrganisationSchema, ...problems },
      },
    },
    async (request, reply) => {
      const organisation = await organisations.register(request.actor, request.body);
      return created(reply, `/api/v1/organisations/${organisation.id}`, organisation);
    },
  );

  app.post(
    '/invitations/accept',
    {
      schema: {
        operationId: 'acceptOrganisationInvitation',
        tags,
        security,
        summary: 'Join an organisation with a single-use invitation token',
        body: AcceptInvitationBodySchema,
        response: { 200: OrganisationSchema, ...problems },
      },
    },
    async (request) => organisations.acceptInvitation(request.actor, request.body.token),
  );

  app.get(
    '/invitations/:token',
    {
      schema: {
        operationId: 'previewOrganisationInvitation',
        tags,
        summary: 'What an invitation link is for (no sign-in: the token is the credential)',
        security: [],
        params: InvitationTokenParams,
        response: { 200: InvitationPreviewSchema, ...problems },
      },
    },
    async (request) => organisations.previewInvitation(request.params.token),
  );

  app.get(
    '/:id',
    {
      schema: {
        operationId: 'getOrganisation',
        tags,
        security,
        summary: 'One organisation (members and council staff only)',
        params: IdParams,
        response: { 200: OrganisationSchema, ...problems },
      },
    },
    async (request) => organisations.get(request.actor, request.params.id),
  );

  app.patch(
    '/:id',
    {
      schema: {
        operationId: 'updateOrganisation',
        tags,
        security,
        summary: "Change an organisation's details (owners only)",
        params: IdParams,
        body: OrganisationPatchSchema,
        response: { 200: OrganisationSchema, ...problems },
      },
    },
    async (request) => organisations.update(request.actor, request.params.id, request.body),
  );

  app.get(
    '/:id/members',
    {
      schema: {
        operationId: 'listOrganisationMembers',
        tags,
        security,
        summary: 'Members and open invitations',
        params: IdParams,
        response: { 200: MembersResponseSchema, ...problems },
      },
    },
    async (request) => organisations.members(request.actor, request.params.id),
  );

  app.post(
    '/:id/members',
    {
      schema: {
        operationId: 'inviteOrganisationMember',
        tags,
        security,
        summary: 'Invite someone by e-mail (owners only); the link is written to the message outbox',
        params: IdParams,
        body: InvitationBodySchema,
        response: { 201: InvitationSchema, ...problems },
      },
    },
    async (request, reply) =>
      created(
        reply,
        `/api/v1/organisations/${request.params.id}/members`,
        await organisations.invite(request.actor, request.params.id, request.body),
      ),
  );

  app.post(
    '/:id/claims',
    {
      schema: {
        operationId: 'claimOrganisation',
        tags,
        security,
        summary: 'Ask to run an organisation the CQC import created; council staff verify the claim',
        params: IdParams,
        body: ClaimBodySchema,
        response: { 201: OrganisationClaimSchema, ...problems },
      },
    },
    async (request, reply) =>
      created(
        reply,
        `/api/v1/organisations/${request.params.id}`,
        await app.modules.claims.claim(request.actor, request.params.id, request.body),
      ),
  );
};
export default routes;
