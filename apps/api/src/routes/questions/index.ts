// Questions and answers about a service, and their moderation.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  AnswerBodySchema,
  AskQuestionBodySchema,
  PageQuerySchema,
  PageSchema,
  pageRequest,
  PendingTextSchema,
  ProblemSchema,
  PublicQuestionSchema,
  TextDecisionBodySchema,
} from '@care-assist/domain';
import type { Config } from '../../config.ts';
import { IdParams } from '../params.ts';
import { created } from '../created.ts';

const security = [{ bearerAuth: [] }];
const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  429: ProblemSchema,
};
const Created = Type.Object({ id: Type.String({ format: 'uuid' }), status: Type.String() });
const AnswerCreated = Type.Object({ ...Created.properties, serviceId: Type.String({ format: 'uuid' }) });

const routes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const submissionLimit = {
    rateLimit: {
      max: config.rateLimit.reviewsPerHour,
      timeWindow: '1 hour',
      hook: 'preValidation' as const,
      keyGenerator: (request: FastifyRequest) => request.actor?.userId ?? request.ip,
    },
  };

  app.get(
    '/services/:idOrSlug/questions',
    {
      schema: {
        operationId: 'listServiceQuestions',
        tags: ['questions'],
        summary: 'Published questions about a service, with their published answers',
        params: Type.Object({ idOrSlug: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: PageQuerySchema,
        response: { 200: PageSchema(PublicQuestionSchema), 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => app.modules.questions.listForService(request.params.idOrSlug, pageRequest(request.query)),
  );

  app.post(
    '/services/:idOrSlug/questions',
    {
      config: submissionLimit,
      schema: {
        operationId: 'askQuestion',
        tags: ['questions'],
        summary: 'Ask a public question about a service (it waits for moderation)',
        security,
        params: Type.Object({ idOrSlug: Type.String({ minLength: 1, maxLength: 200 }) }),
        body: AskQuestionBodySchema,
        response: { 201: PublicQuestionSchema, ...problems },
      },
    },
    async (request, reply) => {
      const question = await app.modules.questions.ask(request.actor, request.params.idOrSlug, request.body);
      return created(reply, `/api/v1/services/${question.serviceId}/questions`, question);
    },
  );

  app.post(
    '/questions/:id/answers',
    {
      config: submissionLimit,
      schema: {
        operationId: 'answerQuestion',
        tags: ['questions'],
        summary: 'Answer a published question (residents, or the provider that runs the service)',
        security,
        params: IdParams,
        body: AnswerBodySchema,
        response: { 201: AnswerCreated, ...problems },
      },
    },
    async (request, reply) => {
      // An answer has no address of its own: it is shown with its question on the service's questions.
      const answer = await app.modules.questions.answer(request.actor, request.params.id, request.body);
      return created(reply, `/api/v1/services/${answer.serviceId}/questions`, answer);
    },
  );

  app.get(
    '/moderation/questions',
    {
      schema: {
        operationId: 'questionModerationQueue',
        tags: ['moderation'],
        summary: 'Questions and answers waiting for a moderator, with their pre-checks',
        security,
        querystring: PageQuerySchema,
        response: { 200: PageSchema(PendingTextSchema), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => app.modules.questions.queue(request.actor, pageRequest(request.query)),
  );

  for (const kind of ['question', 'answer'] as const) {
    app.post(
      `/moderation/${kind}s/:id/decision`,
      {
        schema: {
          operationId: kind === 'question' ? 'moderateQuestion' : 'moderateAnswer',
          tags: ['moderation'],
          summary: `Publish or reject a ${kind}`,
          security,
          params: IdParams,
          body: TextDecisionBodySchema,
          response: {
            200: Created,
            400: ProblemSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            404: ProblemSchema,
            409: ProblemSchema,
          },
        },
      },
      async (request) => app.modules.questions.decide(request.actor, kind, request.params.id, request.body),
    );
  }
};
export default routes;
