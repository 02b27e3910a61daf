// Drizzle queries for outcome recording: the bookings people are asked about, their carers, questionnaire
// requests and answers, delivered hours, admissions and council-arranged care.
import { and, count, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import {
  bookingCarers,
  bookingEvents,
  bookings,
  careAdmissions,
  councilCarePackages,
  deliveredCareHours,
  organisationMembers,
  organisations,
  outcomeReviewRequests,
  outcomeReviews,
  services,
  users,
  type Database,
  type Executor,
  type OutcomeReviewRow,
  type NewOutcomeReview,
} from '@care-assist/db';
import type { OutcomeRespondent, PageRequest } from '@care-assist/domain';
import { readFilteredPage } from '../paging.ts';

/** Bookings whose care has started: only these have review points. */
export const REVIEWABLE_STATUSES = ['active', 'completed'] as const;

export interface OutcomeBooking {
  id: string;
  requesterId: string;
  carerUserId: string | null;
  status: string;
  startDate: string;
  quoteStartDate: string | null;
  durationWeeks: number;
  /** The day it was completed or cancelled, if it was. */
  endedOn: string | null;
  serviceId: string;
  serviceName: string;
  organisationId: string;
  organisationName: string;
}

/** Bookings per query when looking up which questionnaires were requested (well under PostgreSQL's bind limit). */
const REQUEST_LOOKUP_CHUNK = 1000;

/** One questionnaire request: a booking, its review point and who answers. */
export function requestKey(bookingId: string, reviewPoint: string, respondent: OutcomeRespondent): string {
  return `${bookingId}/${reviewPoint}/${respondent}`;
}

export function createOutcomeRepository(db: Database) {
  const endedOn = sql<string | null>`(
    select to_char(max(${bookingEvents.at}) at time zone 'UTC', 'YYYY-MM-DD') from ${bookingEvents}
    where ${bookingEvents.bookingId} = ${bookings.id} and ${bookingEvents.toStatus} in ('completed', 'cancelled')
  )`;
  const selectBookings = (tx: Executor) =>
    tx
      .select({
        id: bookings.id,
        requesterId: bookings.requesterId,
        carerUserId: bookingCarers.carerUserId,
        status: bookings.status,
        startDate: bookings.startDate,
        quoteStartDate: bookings.quoteStartDate,
        durationWeeks: bookings.durationWeeks,
        endedOn,
        serviceId: services.id,
        serviceName: services.name,
        organisationId: organisations.id,
        organisationName: organisations.name,
      })
      .from(bookings)
      .innerJoin(services, eq(services.id, bookings.serviceId))
      .innerJoin(organisations, eq(organisations.id, services.organisationId))
      .leftJoin(bookingCarers, eq(bookingCarers.bookingId, bookings.id));

  return {
    async findBooking(id: string, tx: Executor = db): Promise<OutcomeBooking | undefined> {
      const [row] = await selectBookings(tx).where(eq(bookings.id, id));
      return row;
    },

    /** Started bookings this user is asked about: as the person receiving care or as their carer. */
    async reviewableBookingsOf(userId: string, tx: Executor = db): Promise<OutcomeBooking[]> {
      return selectBookings(tx).where(
        and(
          inArray(bookings.status, [...REVIEWABLE_STATUSES]),
          or(eq(bookings.requesterId, userId), eq(bookingCarers.carerUserId, userId)),
        ),
      );
    },

    /** Every started booking, for the scheduled sweep that sends due questionnaires. */
    async allReviewableBookings(tx: Executor = db): Promise<OutcomeBooking[]> {
      return selectBookings(tx).where(inArray(bookings.status, [...REVIEWABLE_STATUSES]));
    },

    async isMember(userId: string, organisationId: string, tx: Executor = db): Promise<boolean> {
      const [row] = await tx
        .select({ userId: organisationMembers.userId })
        .from(organisationMembers)
        .where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.organisationId, organisationId)));
      return row !== undefined;
    },

    /**
     * Which of these bookings' questionnaires have been requested, as `requestKey`s: one query per thousand
     * bookings, so the hourly sweep over every booking in a county does not ask once per booking and respondent.
     */
    async requestedKeys(bookingIds: readonly string[], tx: Executor = db): Promise<Set<string>> {
      const keys = new Set<string>();
      for (let start = 0; start < bookingIds.length; start += REQUEST_LOOKUP_CHUNK) {
        const rows = await tx
          .select({
            bookingId: outcomeReviewRequests.bookingId,
            reviewPoint: outcomeReviewRequests.reviewPoint,
            respondent: outcomeReviewRequests.respondent,
          })
          .from(outcomeReviewRequests)
          .where(inArray(outcomeReviewRequests.bookingId, bookingIds.slice(start, start + REQUEST_LOOKUP_CHUNK)));
        for (const row of rows) keys.add(requestKey(row.bookingId, row.reviewPoint, row.respondent));
      }
      return keys;
    },

    /** Records that a questionnaire was requested; false when it already had been (nothing written). */
    async insertRequest(
      values: typeof outcomeReviewRequests.$inferInsert,
      tx: Executor,
    ): Promise<{ id: string } | undefined> {
      const [row] = await tx
        .insert(outcomeReviewRequests)
        .values(values)
        .onConflictDoNothing()
        .returning({ id: outcomeReviewRequests.id });
      return row;
    },

    async setRequestNotification(requestId: string, notificationId: string, tx: Executor) {
      await tx.update(outcomeReviewRequests).set({ notificationId }).where(eq(outcomeReviewRequests.id, requestId));
    },

    /** Inserts an answer unless this respondent already answered this point (then undefined, nothing written). */
    async insertReview(values: NewOutcomeReview, tx: Executor = db): Promise<OutcomeReviewRow | undefined> {
      const [row] = await tx.insert(outcomeReviews).values(values).onConflictDoNothing().returning();
      return row;
    },

    async findBookingReview(
      bookingId: string,
      reviewPoint: string,
      respondent: OutcomeRespondent,
      tx: Executor = db,
    ): Promise<OutcomeReviewRow | undefined> {
      const [row] = await tx
        .select()
        .from(outcomeReviews)
        .where(
          and(
            eq(outcomeReviews.bookingId, bookingId),
            eq(outcomeReviews.reviewPoint, reviewPoint as never),
            eq(outcomeReviews.respondent, respondent),
          ),
        );
      return row;
    },

    async findPackageReview(
      carePackageId: string,
      reviewPoint: string,
      respondent: OutcomeRespondent,
      tx: Executor = db,
    ): Promise<OutcomeReviewRow | undefined> {
      const [row] = await tx
        .select()
        .from(outcomeReviews)
        .where(
          and(
            eq(outcomeReviews.carePackageId, carePackageId),
            eq(outcomeReviews.reviewPoint, reviewPoint as never),
            eq(outcomeReviews.respondent, respondent),
          ),
        );
      return row;
    },

    async bookingReviews(bookingId: string, respondent?: OutcomeRespondent, tx: Executor = db) {
      return tx
        .select()
        .from(outcomeReviews)
        .where(
          and(
            eq(outcomeReviews.bookingId, bookingId),
            respondent ? eq(outcomeReviews.respondent, respondent) : undefined,
          ),
        )
        .orderBy(outcomeReviews.dueOn, outcomeReviews.respondent);
    },

    async packageReviews(carePackageId: string, tx: Executor = db) {
      return tx
        .select()
        .from(outcomeReviews)
        .where(eq(outcomeReviews.carePackageId, carePackageId))
        .orderBy(outcomeReviews.dueOn, outcomeReviews.respondent);
    },

    async packageAdmissions(carePackageId: string, tx: Executor = db) {
      return tx
        .select()
        .from(careAdmissions)
        .where(eq(careAdmissions.carePackageId, carePackageId))
        .orderBy(careAdmissions.admittedOn);
    },

    async carerOf(bookingId: string, tx: Executor = db) {
      const [row] = await tx
        .select({ carerUserId: bookingCarers.carerUserId, carerName: users.displayName })
        .from(bookingCarers)
        .innerJoin(users, eq(users.id, bookingCarers.carerUserId))
        .where(eq(bookingCarers.bookingId, bookingId));
      return row;
    },

    async setCarer(bookingId: string, carerUserId: string, namedBy: string, at: Date, tx: Executor = db) {
      await tx
        .insert(bookingCarers)
        .values({ bookingId, carerUserId, namedBy, createdAt: at, updatedAt: at })
        .onConflictDoUpdate({ target: bookingCarers.bookingId, set: { carerUserId, namedBy, updatedAt: at } });
    },

    async removeCarer(bookingId: string, tx: Executor = db) {
      await tx.delete(bookingCarers).where(eq(bookingCarers.bookingId, bookingId));
    },

    async findUserByEmail(email: string, tx: Executor = db) {
      const [row] = await tx
        .select({ id: users.id, role: users.role, disabledAt: users.disabledAt })
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`);
      return row;
    },

    async upsertDeliveredHours(
      values: { bookingId: string; weekStarting: string; hours: number; recordedBy: string; at: Date },
      tx: Executor = db,
    ) {
      const { at, ...row } = values;
      await tx
        .insert(deliveredCareHours)
        .values({ ...row, createdAt: at, updatedAt: at })
        .onConflictDoUpdate({
          target: [deliveredCareHours.bookingId, deliveredCareHours.weekStarting],
          set: { hours: row.hours, recordedBy: row.recordedBy, updatedAt: at },
        });
    },

    async deliveredHours(bookingId: string, tx: Executor = db) {
      return tx
        .select({ weekStarting: deliveredCareHours.weekStarting, hours: deliveredCareHours.hours })
        .from(deliveredCareHours)
        .where(eq(deliveredCareHours.bookingId, bookingId))
        .orderBy(deliveredCareHours.weekStarting);
    },

    async insertAdmission(values: typeof careAdmissions.$inferInsert, tx: Executor = db) {
      const [row] = await tx.insert(careAdmissions).values(values).onConflictDoNothing().returning();
      return row;
    },

    async findAdmission(
      subject: { bookingId: string } | { carePackageId: string },
      kind: string,
      admittedOn: string,
      tx: Executor = db,
    ) {
      const [row] = await tx
        .select()
        .from(careAdmissions)
        .where(
          and(
            'bookingId' in subject
              ? eq(careAdmissions.bookingId, subject.bookingId)
              : eq(careAdmissions.carePackageId, subject.carePackageId),
            eq(careAdmissions.kind, kind as never),
            eq(careAdmissions.admittedOn, admittedOn),
          ),
        );
      return row;
    },

    async bookingAdmissions(bookingId: string, tx: Executor = db) {
      return tx
        .select()
        .from(careAdmissions)
        .where(eq(careAdmissions.bookingId, bookingId))
        .orderBy(careAdmissions.admittedOn);
    },

    async findService(serviceId: string, tx: Executor = db) {
      const [row] = await tx
        .select({ id: services.id, name: services.name })
        .from(services)
        .where(eq(services.id, serviceId));
      return row;
    },

    async insertPackage(values: typeof councilCarePackages.$inferInsert, tx: Executor = db) {
      const [row] = await tx.insert(councilCarePackages).values(values).onConflictDoNothing().returning();
      return row;
    },

    async findPackage(id: string, tx: Executor = db) {
      const [row] = await tx.select().from(councilCarePackages).where(eq(councilCarePackages.id, id));
      return row;
    },

    async findPackageByKey(personReference: string, serviceId: string, startOn: string, tx: Executor = db) {
      const [row] = await tx
        .select()
        .from(councilCarePackages)
        .where(
          and(
            eq(councilCarePackages.personReference, personReference),
            eq(councilCarePackages.serviceId, serviceId),
            eq(councilCarePackages.startOn, startOn),
          ),
        );
      return row;
    },

    async listPackages(page: PageRequest, tx: Executor = db) {
      const outcomeCount = sql<number>`(select count(*)::int from ${outcomeReviews}
        where ${outcomeReviews.carePackageId} = ${councilCarePackages.id})`;
      const admissionCount = sql<number>`(select count(*)::int from ${careAdmissions}
        where ${careAdmissions.carePackageId} = ${councilCarePackages.id})`;
      return readFilteredPage(tx, page, {
        select: () =>
          tx
            .select({ pkg: councilCarePackages, serviceName: services.name, outcomeCount, admissionCount })
            .from(councilCarePackages)
            .innerJoin(services, eq(services.id, councilCarePackages.serviceId)),
        where: undefined,
        orderBy: [desc(councilCarePackages.startOn), desc(councilCarePackages.id)],
        counted: councilCarePackages,
      });
    },

    async totals(tx: Executor = db) {
      const [reviews] = await tx
        .select({
          reviews: count(),
          fromPeople: sql<number>`count(*) filter (where ${outcomeReviews.respondent} = 'person')::int`,
          fromCarers: sql<number>`count(*) filter (where ${outcomeReviews.respondent} = 'carer')::int`,
          meanSatisfaction: sql<number | null>`round(avg(${outcomeReviews.satisfaction}), 2)::float8`,
        })
        .from(outcomeReviews);
      const [weeks] = await tx.select({ n: count() }).from(deliveredCareHours);
      const [admissions] = await tx.select({ n: count() }).from(careAdmissions);
      const [packages] = await tx.select({ n: count() }).from(councilCarePackages);
      const latest = await tx
        .select({
          serviceName: services.name,
          reviewPoint: outcomeReviews.reviewPoint,
          respondent: outcomeReviews.respondent,
          satisfaction: outcomeReviews.satisfaction,
          submittedAt: outcomeReviews.submittedAt,
        })
        .from(outcomeReviews)
        .leftJoin(bookings, eq(bookings.id, outcomeReviews.bookingId))
        .leftJoin(councilCarePackages, eq(councilCarePackages.id, outcomeReviews.carePackageId))
        .innerJoin(services, eq(services.id, sql`coalesce(${bookings.serviceId}, ${councilCarePackages.serviceId})`))
        .where(isNotNull(outcomeReviews.id))
        .orderBy(desc(outcomeReviews.submittedAt))
        .limit(10);
      return {
        reviews: reviews?.reviews ?? 0,
        fromPeople: reviews?.fromPeople ?? 0,
        fromCarers: reviews?.fromCarers ?? 0,
        meanSatisfaction: reviews?.meanSatisfaction ?? null,
        deliveredWeeks: weeks?.n ?? 0,
        admissions: admissions?.n ?? 0,
        carePackages: packages?.n ?? 0,
        latest: latest.map((l) => ({ ...l, submittedAt: l.submittedAt.toISOString() })),
      };
    },
  };
}
export type OutcomeRepository = ReturnType<typeof createOutcomeRepository>;
