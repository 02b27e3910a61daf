// Bookings: quote requests, quotes, acceptance (from a budget or self-funded), messages, cancelling,
// completing, and the provider's invoices against a booking. Money-moving POSTs need an Idempotency-Key.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AcceptQuoteSchema,
  BookingDetailSchema,
  BookingSummarySchema,
  IdempotencyHeadersSchema,
  InvoiceRequestSchema,
  MessageBodySchema,
  PageQuerySchema,
  PageSchema,
  pageRequest,
  ProblemSchema,
  QuoteSchema,
  ReasonBodySchema,
  RequestQuoteSchema,
} from '@care-assist/domain';
import { scopeOf, sendStoredAnswer } from '../../modules/idempotency/idempotency.ts';
import { ACTION_ERRORS, MONEY_ERRORS } from '../money-errors.ts';
import { IdParams } from '../params.ts';
import { created } from '../created.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { bookings, invoices } = app.modules;

  app.get(
    '/',
    {
      schema: {
        operationId: 'listBookings',
        tags: ['bookings'],
        summary: "Residents: their own requests and bookings. Providers: those for their organisation's services",
        querystring: PageQuerySchema,
        response: { 200: PageSchema(BookingSummarySchema), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => bookings.list(request.actor, pageRequest(request.query)),
  );

  app.post(
    '/',
    {
      schema: {
        operationId: 'requestQuote',
        tags: ['bookings'],
        summary: 'Ask a published service for a quote (residents)',
        body: RequestQuoteSchema,
        response: { 201: BookingDetailSchema, ...ACTION_ERRORS },
      },
    },
    async (request, reply) => {
      const booking = await bookings.requestQuote(request.actor, request.body);
      return created(reply, `/api/v1/bookings/${booking.id}`, booking);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        operationId: 'getBooking',
        tags: ['bookings'],
        summary: 'A booking with its quote, history, messages and invoices',
        params: IdParams,
        response: { 200: BookingDetailSchema, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => bookings.get(request.actor, request.params.id),
  );

  app.post(
    '/:id/quote',
    {
      schema: {
        operationId: 'quoteBooking',
        tags: ['bookings'],
        summary: 'Answer a request with a weekly price, start date and terms (the provider)',
        params: IdParams,
        body: QuoteSchema,
        response: { 200: BookingDetailSchema, ...ACTION_ERRORS },
      },
    },
    async (request) => bookings.quote(request.actor, request.params.id, request.body),
  );

  app.post(
    '/:id/decline',
    {
      schema: {
        operationId: 'declineBooking',
        tags: ['bookings'],
        summary: 'Decline a request with a reason (the provider)',
        params: IdParams,
        body: ReasonBodySchema,
        response: { 200: BookingDetailSchema, ...ACTION_ERRORS },
      },
    },
    async (request) => bookings.decline(request.actor, request.params.id, request.body.reason),
  );

  app.post(
    '/:id/messages',
    {
      schema: {
        operationId: 'sendBookingMessage',
        tags: ['bookings'],
        summary: 'Send a message to the other side of a request',
        params: IdParams,
        body: MessageBodySchema,
        response: { 200: BookingDetailSchema, ...ACTION_ERRORS },
      },
    },
    async (request) => bookings.message(request.actor, request.params.id, request.body.body),
  );

  app.post(
    '/:id/accept',
    {
      schema: {
        operationId: 'acceptQuote',
        tags: ['bookings'],
        summary: 'Accept the quote, paying from a personal budget (commits the expected cost) or self-funding',
        headers: IdempotencyHeadersSchema,
        params: IdParams,
        body: AcceptQuoteSchema,
        response: { 200: BookingDetailSchema, ...MONEY_ERRORS },
      },
    },
    async (request, reply) => {
      const answer = await bookings.accept(request.actor, request.params.id, request.body, scopeOf(request, 200));
      return sendStoredAnswer(reply, answer);
    },
  );

  app.post(
    '/:id/start',
    {
      schema: {
        operationId: 'startBooking',
        tags: ['bookings'],
        summary: 'Mark accepted care as started (the provider)',
        params: IdParams,
        response: { 200: BookingDetailSchema, ...ACTION_ERRORS },
      },
    },
    async (request) => bookings.start(request.actor, request.params.id),
  );

  app.post(
    '/:id/cancel',
    {
      schema: {
        operationId: 'cancelBooking',
        tags: ['bookings'],
        summary: 'Cancel a request or booking with a reason; releases what is still committed',
        headers: IdempotencyHeadersSchema,
        params: IdParams,
        body: ReasonBodySchema,
        response: { 200: BookingDetailSchema, ...MONEY_ERRORS },
      },
    },
    async (request, reply) => {
      const answer = await bookings.cancel(
        request.actor,
        request.params.id,
        request.body.reason,
        scopeOf(request, 200),
      );
      return sendStoredAnswer(reply, answer);
    },
  );

  app.post(
    '/:id/complete',
    {
      schema: {
        operationId: 'completeBooking',
        tags: ['bookings'],
        summary: 'Complete a booking (the provider or council staff); releases what is still committed',
        headers: IdempotencyHeadersSchema,
        params: IdParams,
        response: { 200: BookingDetailSchema, ...MONEY_ERRORS },
      },
    },
    async (request, reply) => {
      const answer = await bookings.complete(request.actor, request.params.id, scopeOf(request, 200));
      return sendStoredAnswer(reply, answer);
    },
  );

  app.post(
    '/:id/invoices',
    {
      schema: {
        operationId: 'issueInvoice',
        tags: ['invoices'],
        summary: 'Invoice for care delivered on an active booking (the provider)',
        headers: IdempotencyHeadersSchema,
        params: IdParams,
        body: InvoiceRequestSchema,
        response: { 201: BookingDetailSchema, 200: BookingDetailSchema, ...MONEY_ERRORS },
      },
    },
    async (request, reply) => {
      const answer = await invoices.issue(request.actor, request.params.id, request.body, scopeOf(request, 201));
      // Invoices are shown on their booking.
      return sendStoredAnswer(reply, answer, `/api/v1/bookings/${request.params.id}`);
    },
  );
};
export default routes;
