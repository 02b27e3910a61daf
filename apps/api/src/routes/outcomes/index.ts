// Outcome recording: questionnaires for the person receiving care and their carer, the carer named on a
// booking, providers' delivered hours, and council staff's admissions and council-arranged care.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AdmissionBodySchema,
  AdmissionSchema,
  BookingCarerSchema,
  BookingOutcomesSchema,
  CarePackageBodySchema,
  CarePackageOutcomeBodySchema,
  CarePackageDetailSchema,
  CarePackageSchema,
  DeliveredHoursBodySchema,
  DeliveredWeekSchema,
  NameCarerBodySchema,
  OutcomeAnswersSchema,
  OutcomeQuestionnaireListSchema,
  OutcomeQuestionnaireSchema,
  OutcomeReviewSchema,
  OutcomeTotalsSchema,
  PageQuerySchema,
  PageSchema,
  pageRequest,
  ProblemSchema,
  ReviewPointKeySchema,
} from '@care-assist/domain';
import { IdParams } from '../params.ts';
import { createdOrExisting } from '../created.ts';

const tags = ['outcomes'];
const PointParams = Type.Object({ id: Type.String({ format: 'uuid' }), reviewPoint: ReviewPointKeySchema });
const WeekParams = Type.Object({ id: Type.String({ format: 'uuid' }), weekStarting: Type.String({ format: 'date' }) });
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { outcomes, careRecords } = app.modules;

  app.get(
    '/outcomes/due',
    {
      schema: {
        operationId: 'listDueOutcomeQuestionnaires',
        tags,
        summary: 'The outcomes questionnaires open for me now (sends any that have just come due)',
        querystring: PageQuerySchema,
        response: { 200: OutcomeQuestionnaireListSchema, 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async (request) => outcomes.due(request.actor, pageRequest(request.query)),
  );

  app.get(
    '/bookings/:id/outcomes',
    {
      schema: {
        operationId: 'getBookingOutcomes',
        tags,
        summary: "A booking's outcome records, trimmed to what I may see",
        params: IdParams,
        response: { 200: BookingOutcomesSchema, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => careRecords.forBooking(request.actor, request.params.id),
  );

  app.get(
    '/bookings/:id/outcomes/:reviewPoint',
    {
      schema: {
        operationId: 'getOutcomeQuestionnaire',
        tags,
        summary: 'My outcomes questionnaire for one review point of a booking, with my answer if I gave one',
        params: PointParams,
        response: { 200: OutcomeQuestionnaireSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => outcomes.get(request.actor, request.params.id, request.params.reviewPoint),
  );

  app.post(
    '/bookings/:id/outcomes/:reviewPoint',
    {
      schema: {
        operationId: 'answerOutcomeQuestionnaire',
        tags,
        summary: 'Answer the questionnaire: once per respondent and review point (the same answers again: 200)',
        params: PointParams,
        body: OutcomeAnswersSchema,
        response: { 200: OutcomeReviewSchema, 201: OutcomeReviewSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { id, reviewPoint } = request.params;
      const { review, created } = await outcomes.submit(request.actor, id, reviewPoint, request.body);
      return createdOrExisting(reply, created, `/api/v1/bookings/${id}/outcomes/${reviewPoint}`, review);
    },
  );

  app.put(
    '/bookings/:id/carer',
    {
      schema: {
        operationId: 'nameBookingCarer',
        tags,
        summary: 'The requester names their main unpaid carer by the email of the carer’s account',
        params: IdParams,
        body: NameCarerBodySchema,
        response: { 200: BookingCarerSchema, ...problems },
      },
    },
    async (request) => outcomes.nameCarer(request.actor, request.params.id, request.body),
  );

  app.delete(
    '/bookings/:id/carer',
    {
      schema: {
        operationId: 'removeBookingCarer',
        tags,
        params: IdParams,
        response: { 204: Type.Null(), 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      await outcomes.removeCarer(request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/bookings/:id/delivered-hours/:weekStarting',
    {
      schema: {
        operationId: 'recordDeliveredHours',
        tags,
        summary: 'The provider records the hours of care delivered in a week (Monday) of its own booking',
        params: WeekParams,
        body: DeliveredHoursBodySchema,
        response: { 200: DeliveredWeekSchema, ...problems },
      },
    },
    async (request) =>
      careRecords.recordDeliveredHours(
        request.actor,
        request.params.id,
        request.params.weekStarting,
        request.body.hours,
      ),
  );

  app.post(
    '/bookings/:id/admissions',
    {
      schema: {
        operationId: 'recordBookingAdmission',
        tags,
        summary: 'Council staff record a hospital or residential care admission during a booking',
        params: IdParams,
        body: AdmissionBodySchema,
        response: { 200: AdmissionSchema, 201: AdmissionSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { admission, created } = await careRecords.recordBookingAdmission(
        request.actor,
        request.params.id,
        request.body,
      );
      // Admissions are shown with the booking's outcomes.
      return createdOrExisting(reply, created, `/api/v1/bookings/${request.params.id}/outcomes`, admission);
    },
  );

  app.get(
    '/council/outcomes',
    {
      schema: {
        operationId: 'getOutcomeTotals',
        tags,
        summary: 'Council staff: how many outcomes, hours, admissions and council-arranged care are recorded',
        response: { 200: OutcomeTotalsSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => careRecords.totals(request.actor),
  );

  app.get(
    '/council/care-packages',
    {
      schema: {
        operationId: 'listCarePackages',
        tags,
        summary: 'Council staff: council-arranged care not booked through Care Assist',
        querystring: PageQuerySchema,
        response: { 200: PageSchema(CarePackageSchema), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => careRecords.listPackages(request.actor, pageRequest(request.query)),
  );

  app.post(
    '/council/care-packages',
    {
      schema: {
        operationId: 'recordCarePackage',
        tags,
        summary: 'Council staff record council-arranged care (the same person, service and start: recorded once)',
        body: CarePackageBodySchema,
        response: { 200: CarePackageSchema, 201: CarePackageSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { carePackage, created } = await careRecords.recordPackage(request.actor, request.body);
      // Care packages are listed together; there is no page for one.
      return createdOrExisting(reply, created, '/api/v1/council/care-packages', carePackage);
    },
  );

  app.get(
    '/council/care-packages/:id',
    {
      schema: {
        operationId: 'getCarePackage',
        tags,
        summary: 'Council staff: one council-arranged care package, what is recorded and the review points due',
        params: IdParams,
        response: { 200: CarePackageDetailSchema, ...problems },
      },
    },
    async (request) => careRecords.getPackage(request.actor, request.params.id),
  );

  app.post(
    '/council/care-packages/:id/outcomes',
    {
      schema: {
        operationId: 'recordCarePackageOutcome',
        tags,
        summary: 'Council staff record the answers of the person or their carer at a review point',
        params: IdParams,
        body: CarePackageOutcomeBodySchema,
        response: { 200: OutcomeReviewSchema, 201: OutcomeReviewSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { review, created } = await careRecords.recordPackageOutcome(
        request.actor,
        request.params.id,
        request.body,
      );
      return createdOrExisting(reply, created, '/api/v1/council/care-packages', review);
    },
  );

  app.post(
    '/council/care-packages/:id/admissions',
    {
      schema: {
        operationId: 'recordCarePackageAdmission',
        tags,
        summary: 'Council staff record an admission during council-arranged care',
        params: IdParams,
        body: AdmissionBodySchema,
        response: { 200: AdmissionSchema, 201: AdmissionSchema, ...problems },
      },
    },
    async (request, reply) => {
      const { admission, created } = await careRecords.recordPackageAdmission(
        request.actor,
        request.params.id,
        request.body,
      );
      return createdOrExisting(reply, created, '/api/v1/council/care-packages', admission);
    },
  );
};
export default routes;
