// The council's moderation queue and audit log (moderators and admins only; checked in the service).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AuditEntrySchema,
  ContactWriterBodySchema,
  EscalateBodySchema,
  MODERATION_QUEUES,
  ModerationDecisionBodySchema,
  ModerationReviewSchema,
  PageQuerySchema,
  PageSchema,
  pageQueryProperties,
  pageRequest,
  ProblemSchema,
  ReviewGroupDecisionBodySchema,
  ReviewGroupSchema,
} from '@care-assist/domain';
import { IdParams } from '../params.ts';

const security = [{ bearerAuth: [] }];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/reviews',
    {
      schema: {
        operationId: 'moderationQueue',
        tags: ['moderation'],
        summary: 'Reviews waiting for a moderator, with their automatic pre-checks',
        security,
        querystring: Type.Object(
          { queue: Type.Optional(Type.Enum([...MODERATION_QUEUES], { default: 'pending' })), ...pageQueryProperties() },
          { additionalProperties: false },
        ),
        response: {
          200: PageSchema(ModerationReviewSchema),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async (request) =>
      app.modules.moderation.queue(request.actor, request.query.queue ?? 'pending', pageRequest(request.query)),
  );

  app.get(
    '/reviews/:id',
    {
      schema: {
        operationId: 'moderationReview',
        tags: ['moderation'],
        summary: 'One review as a moderator sees it',
        security,
        params: IdParams,
        response: { 200: ModerationReviewSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => app.modules.moderation.get(request.actor, request.params.id),
  );

  app.post(
    '/reviews/:id/decision',
    {
      schema: {
        operationId: 'moderateReview',
        tags: ['moderation'],
        summary: 'Publish, reject (with a reason code) or ask the author to edit',
        security,
        params: IdParams,
        body: ModerationDecisionBodySchema,
        response: {
          200: ModerationReviewSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
        },
      },
    },
    async (request) => app.modules.moderation.decide(request.actor, request.params.id, request.body),
  );

  const safeguardingResponses = {
    200: ModerationReviewSchema,
    400: ProblemSchema,
    401: ProblemSchema,
    403: ProblemSchema,
    404: ProblemSchema,
  };

  app.post(
    '/reviews/:id/escalate',
    {
      schema: {
        operationId: 'escalateReview',
        tags: ['moderation'],
        summary: "Record that a moderator passed a review's concern on (to adult safeguarding, the police, the CQC...)",
        security,
        params: IdParams,
        body: EscalateBodySchema,
        response: safeguardingResponses,
      },
    },
    async (request) => app.modules.moderation.escalate(request.actor, request.params.id, request.body),
  );

  app.post(
    '/reviews/:id/contact-writer',
    {
      schema: {
        operationId: 'contactReviewWriter',
        tags: ['moderation'],
        summary: "Write to a review's writer by e-mail and in the app",
        security,
        params: IdParams,
        body: ContactWriterBodySchema,
        response: safeguardingResponses,
      },
    },
    async (request) => app.modules.moderation.contactWriter(request.actor, request.params.id, request.body),
  );

  app.get(
    '/review-groups',
    {
      schema: {
        operationId: 'moderationReviewGroups',
        tags: ['moderation'],
        summary: 'Suspected bursts of reviews still to decide, each with all its reviews',
        security,
        querystring: PageQuerySchema,
        response: { 200: PageSchema(ReviewGroupSchema), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => app.modules.moderation.openGroups(request.actor, pageRequest(request.query)),
  );

  app.get(
    '/review-groups/:id',
    {
      schema: {
        operationId: 'moderationReviewGroup',
        tags: ['moderation'],
        summary: 'One suspected burst of reviews',
        security,
        params: IdParams,
        response: { 200: ReviewGroupSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => app.modules.moderation.group(request.actor, request.params.id),
  );

  app.post(
    '/review-groups/:id/decision',
    {
      schema: {
        operationId: 'moderateReviewGroup',
        tags: ['moderation'],
        summary: 'Reject every review of a suspected burst with one reason, or dismiss the suspicion',
        security,
        params: IdParams,
        body: ReviewGroupDecisionBodySchema,
        response: {
          200: ReviewGroupSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
        },
      },
    },
    async (request) => app.modules.moderation.decideGroup(request.actor, request.params.id, request.body),
  );

  app.get(
    '/audit',
    {
      schema: {
        operationId: 'auditLog',
        tags: ['moderation'],
        summary: 'The append-only audit log of moderation actions (admins)',
        security,
        querystring: Type.Object(
          {
            target_type: Type.Optional(Type.String({ maxLength: 40 })),
            action: Type.Optional(Type.String({ maxLength: 40 })),
            actor_id: Type.Optional(Type.String({ format: 'uuid' })),
            target_id: Type.Optional(Type.String({ format: 'uuid' })),
            ...pageQueryProperties(50),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageSchema(AuditEntrySchema), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => {
      const { target_type, action, actor_id, target_id } = request.query;
      return app.modules.moderation.auditLog(
        request.actor,
        { targetType: target_type, action, actorId: actor_id, targetId: target_id },
        pageRequest(request.query, 50),
      );
    },
  );
};
export default routes;
