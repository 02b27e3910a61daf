// Reviews of care services: write, edit, withdraw, read, mark helpful, report, and the provider's reply.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  EditReviewBodySchema,
  MyReviewSchema,
  PageQuerySchema,
  PageSchema,
  pageRequest,
  ProblemSchema,
  PublicReviewSchema,
  ReplyBodySchema,
  ReportBodySchema,
  ReviewListQuerySchema,
  ReviewPageSchema,
  SubmitReviewBodySchema,
} from '@care-assist/domain';
import type { Config } from '../../config.ts';
import { IdParams } from '../params.ts';
import { created } from '../created.ts';

const security = [{ bearerAuth: [] }];

/**
 * The browser's device cookie as the web server forwards it (X-Device-Id). A signal, not a credential: a
 * missing or malformed one is simply absent (nobody is refused for it).
 */
function deviceIdOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : undefined;
}
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  429: ProblemSchema,
};

const routes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  // Per person when signed in, per address otherwise; checked once the actor is known and before the body is
  // validated, so refused attempts count too.
  const submissionLimit = {
    rateLimit: {
      max: config.rateLimit.reviewsPerHour,
      timeWindow: '1 hour',
      hook: 'preValidation' as const,
      keyGenerator: (request: FastifyRequest) => request.actor?.userId ?? request.ip,
    },
  };

  app.post(
    '/reviews',
    {
      config: submissionLimit,
      schema: {
        operationId: 'submitReview',
        tags: ['reviews'],
        summary: 'Write a review of a published care service (it waits for moderation)',
        security,
        body: SubmitReviewBodySchema,
        response: { 201: MyReviewSchema, ...problems },
      },
    },
    async (request, reply) => {
      const review = await app.modules.reviews.submit(request.actor, request.body, {
        ip: request.ip,
        deviceId: deviceIdOf(request.headers['x-device-id']),
      });
      return created(reply, `/api/v1/reviews/${review.id}`, review);
    },
  );

  app.get(
    '/reviews/mine',
    {
      schema: {
        operationId: 'listMyReviews',
        tags: ['reviews'],
        summary: 'The signed-in person’s reviews, with their moderation status',
        security,
        querystring: PageQuerySchema,
        response: { 200: PageSchema(MyReviewSchema), 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (request) => app.modules.reviews.listMine(request.actor, pageRequest(request.query)),
  );

  app.get(
    '/reviews/for-my-services',
    {
      schema: {
        operationId: 'listProviderReviews',
        tags: ['reviews'],
        summary: 'Published reviews of the services the signed-in provider runs',
        security,
        querystring: PageQuerySchema,
        response: { 200: PageSchema(MyReviewSchema), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => app.modules.reviews.forMyServices(request.actor, pageRequest(request.query)),
  );

  app.get(
    '/reviews/:id',
    {
      schema: {
        operationId: 'getReview',
        tags: ['reviews'],
        summary: 'One published review (or your own, in any status)',
        params: IdParams,
        response: { 200: PublicReviewSchema, 404: ProblemSchema },
      },
    },
    async (request) => app.modules.reviews.get(request.actor, request.params.id),
  );

  app.put(
    '/reviews/:id',
    {
      schema: {
        operationId: 'editReview',
        tags: ['reviews'],
        summary: 'Edit your review before it is moderated (or when a moderator asked for changes)',
        security,
        params: IdParams,
        body: EditReviewBodySchema,
        response: { 200: MyReviewSchema, ...problems },
      },
    },
    async (request) => app.modules.reviews.edit(request.actor, request.params.id, request.body),
  );

  app.post(
    '/reviews/:id/withdraw',
    {
      schema: {
        operationId: 'withdrawReview',
        tags: ['reviews'],
        summary: 'Withdraw your review at any time',
        security,
        params: IdParams,
        response: { 200: MyReviewSchema, 401: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request) => app.modules.reviews.withdraw(request.actor, request.params.id),
  );

  app.post(
    '/reviews/:id/helpful',
    {
      schema: {
        operationId: 'markReviewHelpful',
        tags: ['reviews'],
        summary: 'Mark a review as helpful (once per person)',
        security,
        params: IdParams,
        response: { 200: Type.Object({ helpfulCount: Type.Integer() }), ...problems },
      },
    },
    async (request) => app.modules.reviews.markHelpful(request.actor, request.params.id),
  );

  app.post(
    '/reviews/:id/reports',
    {
      config: submissionLimit,
      schema: {
        operationId: 'reportReview',
        tags: ['reviews'],
        summary: 'Report a review to the moderators',
        security,
        params: IdParams,
        body: ReportBodySchema,
        response: { 202: Type.Object({ received: Type.Boolean() }), ...problems },
      },
    },
    async (request, reply) => {
      await app.modules.reviews.report(request.actor, request.params.id, request.body);
      return reply.code(202).send({ received: true });
    },
  );

  app.post(
    '/reviews/:id/response',
    {
      schema: {
        operationId: 'replyToReview',
        tags: ['reviews'],
        summary: 'The provider’s one public reply to a review',
        security,
        params: IdParams,
        body: ReplyBodySchema,
        response: { 201: PublicReviewSchema, ...problems },
      },
    },
    async (request, reply) =>
      created(
        reply,
        `/api/v1/reviews/${request.params.id}`,
        await app.modules.reviews.reply(request.actor, request.params.id, request.body),
      ),
  );

  app.post(
    '/reviews/:id/verify',
    {
      schema: {
        operationId: 'verifyReview',
        tags: ['reviews'],
        summary: 'The provider confirms the writer was its client, so the review shows as verified',
        security,
        params: IdParams,
        response: { 200: PublicReviewSchema, ...problems },
      },
    },
    async (request) => app.modules.reviews.verify(request.actor, request.params.id),
  );

  app.put(
    '/reviews/:id/response',
    {
      schema: {
        operationId: 'editReviewReply',
        tags: ['reviews'],
        summary: 'Edit the provider’s reply within 30 minutes of posting it',
        security,
        params: IdParams,
        body: ReplyBodySchema,
        response: { 200: PublicReviewSchema, ...problems },
      },
    },
    async (request) => app.modules.reviews.editReply(request.actor, request.params.id, request.body),
  );

  app.get(
    '/services/:idOrSlug/reviews',
    {
      schema: {
        operationId: 'listServiceReviews',
        tags: ['reviews'],
        summary: 'Published reviews of a service, filtered and sorted, with its rating summary',
        params: Type.Object({ idOrSlug: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: ReviewListQuerySchema,
        response: { 200: ReviewPageSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => app.modules.reviews.listForService(request.params.idOrSlug, request.query),
  );
};
export default routes;
