// Invoices: approval and payment (money-moving, so they need an Idempotency-Key), disputes and their resolution.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BookingDetailSchema,
  DisputedInvoiceSchema,
  PageQuerySchema,
  PageSchema,
  pageRequest,
  IdempotencyHeadersSchema,
  ProblemSchema,
  ReasonBodySchema,
  ResolveDisputeSchema,
} from '@care-assist/domain';
import { scopeOf, sendStoredAnswer } from '../../modules/idempotency/idempotency.ts';
import { ACTION_ERRORS, MONEY_ERRORS } from '../money-errors.ts';
import { IdParams } from '../params.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { invoices } = app.modules;

  app.get(
    '/disputed',
    {
      schema: {
        operationId: 'listDisputedInvoices',
        tags: ['invoices'],
        summary: 'Every invoice held in dispute, oldest first, for council staff to resolve',
        querystring: PageQuerySchema,
        response: {
          200: PageSchema(DisputedInvoiceSchema),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async (request) => invoices.disputed(request.actor, pageRequest(request.query)),
  );

  app.post(
    '/:id/approve',
    {
      schema: {
        operationId: 'approveInvoice',
        tags: ['invoices'],
        summary: 'Approve an invoice (the person who booked, or council staff); checks the budget can pay it',
        headers: IdempotencyHeadersSchema,
        params: IdParams,
        response: { 200: BookingDetailSchema, ...MONEY_ERRORS },
      },
    },
    async (request, reply) => {
      const answer = await invoices.approve(request.actor, request.params.id, scopeOf(request, 200));
      return sendStoredAnswer(reply, answer);
    },
  );

  app.post(
    '/:id/pay',
    {
      schema: {
        operationId: 'payInvoice',
        tags: ['invoices'],
        summary: 'Pay an approved invoice: moves budget money from committed to paid and records the brokerage fee',
        headers: IdempotencyHeadersSchema,
        params: IdParams,
        response: { 200: BookingDetailSchema, ...MONEY_ERRORS },
      },
    },
    async (request, reply) => {
      const answer = await invoices.pay(request.actor, request.params.id, scopeOf(request, 200));
      return sendStoredAnswer(reply, answer);
    },
  );

  app.post(
    '/:id/dispute',
    {
      schema: {
        operationId: 'disputeInvoice',
        tags: ['invoices'],
        summary: 'Hold an invoice with a reason until council staff resolve it',
        params: IdParams,
        body: ReasonBodySchema,
        response: { 200: BookingDetailSchema, ...ACTION_ERRORS },
      },
    },
    async (request) => invoices.dispute(request.actor, request.params.id, request.body.reason),
  );

  app.post(
    '/:id/resolve',
    {
      schema: {
        operationId: 'resolveInvoiceDispute',
        tags: ['invoices'],
        summary: 'Resolve a disputed invoice: uphold it (approved) or reject it (council staff)',
        params: IdParams,
        body: ResolveDisputeSchema,
        response: { 200: BookingDetailSchema, ...ACTION_ERRORS },
      },
    },
    async (request) => invoices.resolve(request.actor, request.params.id, request.body.outcome, request.body.note),
  );
};
export default routes;
