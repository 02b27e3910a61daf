// What happened during care: providers record the hours they delivered each week of their own bookings;
// council staff record admissions to hospital or residential care, council-arranged care that was not booked
// here and its outcomes. Also who may read a booking's outcome records, and the council's running totals.
import {
  addDays,
  findReviewPoint,
  parseIsoDate,
  reviewPointLabel,
  reviewSchedule,
  type CarePackageDetail,
  type Admission,
  type AdmissionBody,
  type BookingOutcomes,
  type CarePackage,
  type CarePackageBody,
  type CarePackageOutcomeBody,
  type DeliveredWeek,
  type OutcomeReview,
  type OutcomeTotals,
  type Page,
  type PageRequest,
  mapPage,
} from '@care-assist/domain';
import type { Database, CarePackageRow } from '@care-assist/db';
import { actorCan, requirePermission } from '../../access.ts';
import { Conflict, Forbidden, NotFound, Unauthorised, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { answerColumns, checkRespondentAnswers, presentReview, sameAnswers } from './answers.ts';
import type { OutcomeBooking, OutcomeRepository } from './repository.ts';
import { periodOf } from './service.ts';

interface CareRecordDeps {
  db: Database;
  outcomes: OutcomeRepository;
  clock: () => Date;
}

type Viewer = BookingOutcomes['viewer'];

function isMonday(isoDate: string): boolean {
  const ms = parseIsoDate(isoDate);
  return ms !== null && new Date(ms).getUTCDay() === 1;
}

function presentAdmission(row: { id: string; kind: Admission['kind']; admittedOn: string; createdAt: Date }) {
  return { id: row.id, kind: row.kind, admittedOn: row.admittedOn, recordedAt: row.createdAt.toISOString() };
}

export function createCareRecordService({ db, outcomes, clock }: CareRecordDeps) {
  const today = () => clock().toISOString().slice(0, 10);

  async function viewerOf(actor: Actor, booking: OutcomeBooking): Promise<Viewer | null> {
    if (booking.requesterId === actor.userId) return 'requester';
    if (booking.carerUserId === actor.userId) return 'carer';
    if (actorCan(actor, 'record_outcomes')) return 'council';
    if (actor.role === 'provider' && (await outcomes.isMember(actor.userId, booking.organisationId))) return 'provider';
    return null;
  }

  async function bookingOr404(bookingId: string) {
    const booking = await outcomes.findBooking(bookingId);
    if (!booking) throw new NotFound('There is no such booking.');
    return booking;
  }

  function checkAdmissionDate(admittedOn: string, startOn: string) {
    if (parseIsoDate(admittedOn) === null || admittedOn > today() || admittedOn < startOn) {
      throw new ValidationFailed('The admission date must be a real date between the start of care and today.', [
        { field: 'admittedOn', message: `Between ${startOn} and ${today()}` },
      ]);
    }
  }

  function presentPackage(row: CarePackageRow, serviceName: string, outcomeCount = 0, admissionCount = 0) {
    return {
      id: row.id,
      personReference: row.personReference,
      serviceId: row.serviceId,
      serviceName,
      careType: row.careType,
      hoursPerWeek: row.hoursPerWeek,
      startOn: row.startOn,
      endOn: row.endOn,
      outcomeCount,
      admissionCount,
    } satisfies CarePackage;
  }

  async function packageOr404(id: string) {
    const row = await outcomes.findPackage(id);
    if (!row) throw new NotFound('There is no such council-arranged care.');
    return row;
  }

  return {
    /**
     * A booking's outcome records, as far as the viewer may see them: the person and the carer their own
     * answers (the person also the hours and admissions of their care), the provider the delivered hours of
     * its own bookings, council staff everything. Anyone else: 404.
     */
    async forBooking(actor: Actor | null, bookingId: string): Promise<BookingOutcomes> {
      if (!actor) throw new Unauthorised();
      const booking = await bookingOr404(bookingId);
      const viewer = await viewerOf(actor, booking);
      if (!viewer) throw new NotFound('There is no such booking.');
      const respondent = viewer === 'requester' ? 'person' : viewer === 'carer' ? 'carer' : undefined;
      const [reviews, hours, admissions, carer] = await Promise.all([
        viewer === 'provider' ? [] : outcomes.bookingReviews(booking.id, respondent),
        viewer === 'carer' ? [] : outcomes.deliveredHours(booking.id),
        viewer === 'council' || viewer === 'requester' ? outcomes.bookingAdmissions(booking.id) : [],
        outcomes.carerOf(booking.id),
      ]);
      return {
        bookingId: booking.id,
        viewer,
        carerName: viewer === 'provider' ? null : (carer?.carerName ?? null),
        reviews: reviews.map(presentReview),
        deliveredHours: hours,
        admissions: admissions.map(presentAdmission),
      };
    },

    /** Providers only, for their own organisation's started bookings; a week (Monday) of the care, not in the future. */
    async recordDeliveredHours(
      actor: Actor | null,
      bookingId: string,
      weekStarting: string,
      hours: number,
    ): Promise<DeliveredWeek> {
      if (!actor) throw new Unauthorised();
      const booking = await bookingOr404(bookingId);
      if (actor.role !== 'provider' || !(await outcomes.isMember(actor.userId, booking.organisationId))) {
        throw new Forbidden('Only the provider of this booking can record the hours it delivered.');
      }
      if (booking.status !== 'active' && booking.status !== 'completed') {
        throw new Conflict('Hours can be recorded once the care has started.');
      }
      const period = periodOf(booking);
      const firstMonday = addDays(period.startOn, -((new Date(`${period.startOn}T00:00:00Z`).getUTCDay() + 6) % 7));
      if (
        !isMonday(weekStarting) ||
        weekStarting < firstMonday ||
        weekStarting > period.endOn! ||
        weekStarting > today()
      ) {
        throw new ValidationFailed('Choose a week of this care that has started.', [
          {
            field: 'weekStarting',
            message: `A Monday from ${firstMonday} to ${period.endOn! < today() ? period.endOn : today()}`,
          },
        ]);
      }
      await outcomes.upsertDeliveredHours({ bookingId, weekStarting, hours, recordedBy: actor.userId, at: clock() });
      return { weekStarting, hours };
    },

    /** Council staff only. The same admission twice (kind and day) is recorded once. */
    async recordBookingAdmission(actor: Actor | null, bookingId: string, body: AdmissionBody) {
      const staff = requirePermission(actor, 'record_outcomes');
      const booking = await bookingOr404(bookingId);
      checkAdmissionDate(body.admittedOn, periodOf(booking).startOn);
      const inserted = await outcomes.insertAdmission({
        bookingId,
        kind: body.kind,
        admittedOn: body.admittedOn,
        recordedBy: staff.userId,
        createdAt: clock(),
      });
      const row = inserted ?? (await outcomes.findAdmission({ bookingId }, body.kind, body.admittedOn))!;
      return { admission: presentAdmission(row), created: inserted !== undefined };
    },

    async listPackages(actor: Actor | null, page: PageRequest): Promise<Page<CarePackage>> {
      requirePermission(actor, 'record_outcomes');
      const rows = await outcomes.listPackages(page);
      return mapPage(rows, (r) => presentPackage(r.pkg, r.serviceName, r.outcomeCount, r.admissionCount));
    },

    /** Council staff only: one package, its answers and admissions, and the review points already due. */
    async getPackage(actor: Actor | null, packageId: string): Promise<CarePackageDetail> {
      requirePermission(actor, 'record_outcomes');
      const pkg = await packageOr404(packageId);
      const [service, reviews, admissions] = await Promise.all([
        outcomes.findService(pkg.serviceId),
        outcomes.packageReviews(pkg.id),
        outcomes.packageAdmissions(pkg.id),
      ]);
      const period = { startOn: pkg.startOn, endOn: pkg.endOn };
      // The points an answer may be recorded for: those already due that recordPackageOutcome accepts.
      const due = reviewSchedule(period, today()).filter((p) => findReviewPoint(period, p.key, today()));
      return {
        carePackage: presentPackage(pkg, service?.name ?? '', reviews.length, admissions.length),
        duePoints: due.map((p) => ({ key: p.key, label: reviewPointLabel(p.key), dueOn: p.dueOn })),
        reviews: reviews.map(presentReview),
        admissions: admissions.map(presentAdmission),
      };
    },

    /** Council staff only. The same person, service and start date is the same care: recorded once. */
    async recordPackage(actor: Actor | null, body: CarePackageBody) {
      const staff = requirePermission(actor, 'record_outcomes');
      if (body.endOn !== undefined && body.endOn < body.startOn) {
        throw new ValidationFailed('The care cannot end before it starts.', [
          { field: 'endOn', message: 'On or after the start date' },
        ]);
      }
      const service = await outcomes.findService(body.serviceId);
      if (!service) {
        throw new ValidationFailed('There is no such care service.', [
          { field: 'serviceId', message: 'Unknown service' },
        ]);
      }
      const reference = body.personReference.toUpperCase();
      const inserted = await outcomes.insertPackage({
        personReference: reference,
        serviceId: body.serviceId,
        careType: body.careType,
        hoursPerWeek: body.hoursPerWeek ?? null,
        startOn: body.startOn,
        endOn: body.endOn ?? null,
        createdBy: staff.userId,
        createdAt: clock(),
        updatedAt: clock(),
      });
      const row = inserted ?? (await outcomes.findPackageByKey(reference, body.serviceId, body.startOn))!;
      return { carePackage: presentPackage(row, service.name), created: inserted !== undefined };
    },

    /** Council staff record what the person or their carer told them at a review point of council-arranged care. */
    async recordPackageOutcome(
      actor: Actor | null,
      packageId: string,
      body: CarePackageOutcomeBody,
    ): Promise<{ review: OutcomeReview; created: boolean }> {
      const staff = requirePermission(actor, 'record_outcomes');
      const pkg = await packageOr404(packageId);
      checkRespondentAnswers(body.respondent, body.answers);
      const point = findReviewPoint({ startOn: pkg.startOn, endOn: pkg.endOn }, body.reviewPoint, today());
      if (!point) {
        throw new ValidationFailed('That review point is not due for this care.', [
          { field: 'reviewPoint', message: 'A review point that has come due' },
        ]);
      }
      const inserted = await outcomes.insertReview({
        carePackageId: pkg.id,
        reviewPoint: point.key,
        dueOn: point.dueOn,
        respondent: body.respondent,
        respondentUserId: null,
        recordedBy: staff.userId,
        ...answerColumns(body.respondent, body.answers),
        submittedAt: clock(),
      });
      if (inserted) return { review: presentReview(inserted), created: true };
      const stored = (await outcomes.findPackageReview(pkg.id, point.key, body.respondent))!;
      if (!sameAnswers(stored, body.respondent, body.answers)) {
        throw new Conflict('Answers for this review point and respondent are already recorded.');
      }
      return { review: presentReview(stored), created: false };
    },

    async recordPackageAdmission(actor: Actor | null, packageId: string, body: AdmissionBody) {
      const staff = requirePermission(actor, 'record_outcomes');
      const pkg = await packageOr404(packageId);
      checkAdmissionDate(body.admittedOn, pkg.startOn);
      const inserted = await outcomes.insertAdmission({
        carePackageId: pkg.id,
        kind: body.kind,
        admittedOn: body.admittedOn,
        recordedBy: staff.userId,
        createdAt: clock(),
      });
      const row = inserted ?? (await outcomes.findAdmission({ carePackageId: pkg.id }, body.kind, body.admittedOn))!;
      return { admission: presentAdmission(row), created: inserted !== undefined };
    },

    async totals(actor: Actor | null): Promise<OutcomeTotals> {
      requirePermission(actor, 'record_outcomes');
      return outcomes.totals(db);
    },
  };
}
export type CareRecordService = ReturnType<typeof createCareRecordService>;
