// Drizzle queries for bookings, their history and messages, invoices and the council's brokerage income.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FundingType, Page, PageRequest } from '@care-assist/domain';
import { readFilteredPage, readPage } from '../paging.ts';
import {
  bookingEvents,
  bookingMessages,
  bookings,
  brokerageFees,
  invoices,
  organisationMembers,
  organisations,
  services,
  users,
  readAll,
  type Database,
  type Executor,
  type BookingRow,
  type InvoiceRow,
} from '@care-assist/db';

// The booking and invoice services still take these from here; the types themselves live in packages/db.
export type { BookingRow, InvoiceRow };

export interface BookingRecord {
  booking: BookingRow;
  service: {
    id: string;
    name: string;
    slug: string;
    status: string;
    organisationId: string;
    fundingAccepted: FundingType[];
  };
  organisationName: string;
  requesterName: string;
}

const serviceColumns = {
  id: services.id,
  name: services.name,
  slug: services.slug,
  status: services.status,
  organisationId: services.organisationId,
  fundingAccepted: services.fundingAccepted,
};

export function createBookingRepository(db: Database) {
  const records = (tx: Executor) =>
    tx
      .select({
        booking: bookings,
        service: serviceColumns,
        organisationName: organisations.name,
        requesterName: users.displayName,
      })
      .from(bookings)
      .innerJoin(services, eq(services.id, bookings.serviceId))
      .innerJoin(organisations, eq(organisations.id, services.organisationId))
      .innerJoin(users, eq(users.id, bookings.requesterId));

  return {
    async findService(serviceId: string, tx: Executor = db) {
      const [row] = await tx.select(serviceColumns).from(services).where(eq(services.id, serviceId));
      return row;
    },

    async find(id: string, tx: Executor = db): Promise<BookingRecord | undefined> {
      const [row] = await records(tx).where(eq(bookings.id, id));
      return row;
    },

    /** Locks the booking row; callers that also lock a budget lock the budget first (one order, no deadlocks). */
    async lock(id: string, tx: Executor): Promise<BookingRow | undefined> {
      const [row] = await tx.select().from(bookings).where(eq(bookings.id, id)).for('update');
      return row;
    },

    /**
     * One page of bookings, newest activity first: the requester's own, those for services of the provider's
     * organisations, or (no filter) every booking for council staff.
     */
    async listPage(
      filter: { requesterId: string } | { memberId: string } | 'all',
      page: PageRequest,
      tx: Executor = db,
    ): Promise<Page<BookingRecord>> {
      const where =
        filter === 'all'
          ? undefined
          : 'requesterId' in filter
            ? eq(bookings.requesterId, filter.requesterId)
            : inArray(
                services.organisationId,
                tx
                  .select({ id: organisationMembers.organisationId })
                  .from(organisationMembers)
                  .where(eq(organisationMembers.userId, filter.memberId)),
              );
      return readPage(tx, page, {
        items: ({ limit, offset }) =>
          records(tx).where(where).orderBy(desc(bookings.updatedAt), desc(bookings.id)).limit(limit).offset(offset),
        total: async () => {
          const [row] = await tx
            .select({ n: count() })
            .from(bookings)
            .innerJoin(services, eq(services.id, bookings.serviceId))
            .where(where);
          return row?.n ?? 0;
        },
      });
    },

    async isMember(userId: string, organisationId: string, tx: Executor = db): Promise<boolean> {
      const rows = await tx
        .select({ userId: organisationMembers.userId })
        .from(organisationMembers)
        .where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.organisationId, organisationId)))
        .limit(1);
      return rows.length > 0;
    },

    async memberIds(organisationId: string, tx: Executor = db): Promise<string[]> {
      const rows = await tx
        .select({ userId: organisationMembers.userId })
        .from(organisationMembers)
        .where(eq(organisationMembers.organisationId, organisationId));
      return rows.map((r) => r.userId);
    },

    async insert(values: typeof bookings.$inferInsert, tx: Executor): Promise<BookingRow> {
      const [row] = await tx.insert(bookings).values(values).returning();
      return row!;
    },

    async update(id: string, values: Partial<typeof bookings.$inferInsert>, tx: Executor): Promise<void> {
      await tx.update(bookings).set(values).where(eq(bookings.id, id));
    },

    async addEvent(values: typeof bookingEvents.$inferInsert, tx: Executor): Promise<void> {
      await tx.insert(bookingEvents).values(values);
    },

    async history(bookingId: string, tx: Executor = db) {
      return tx
        .select({ event: bookingEvents, actorName: users.displayName })
        .from(bookingEvents)
        .innerJoin(users, eq(users.id, bookingEvents.actorId))
        .where(eq(bookingEvents.bookingId, bookingId))
        .orderBy(asc(bookingEvents.seq));
    },

    async addMessage(values: typeof bookingMessages.$inferInsert, tx: Executor = db) {
      const [row] = await tx.insert(bookingMessages).values(values).returning();
      return row!;
    },

    async messages(bookingId: string, organisationId: string, tx: Executor = db) {
      return tx
        .select({
          message: bookingMessages,
          authorName: users.displayName,
          fromProvider: sql<boolean>`exists (select 1 from ${organisationMembers} m where m.user_id = ${bookingMessages.authorId} and m.organisation_id = ${organisationId})`,
        })
        .from(bookingMessages)
        .innerJoin(users, eq(users.id, bookingMessages.authorId))
        .where(eq(bookingMessages.bookingId, bookingId))
        .orderBy(asc(bookingMessages.seq));
    },

    async invoices(bookingId: string, tx: Executor = db) {
      return tx
        .select({ invoice: invoices, feePence: brokerageFees.feePence })
        .from(invoices)
        .leftJoin(brokerageFees, eq(brokerageFees.invoiceId, invoices.id))
        .where(eq(invoices.bookingId, bookingId))
        .orderBy(asc(invoices.periodStart), asc(invoices.createdAt));
    },

    async findInvoice(id: string, tx: Executor = db) {
      const [row] = await tx
        .select({ invoice: invoices, feePence: brokerageFees.feePence })
        .from(invoices)
        .leftJoin(brokerageFees, eq(brokerageFees.invoiceId, invoices.id))
        .where(eq(invoices.id, id));
      return row;
    },

    /** One page of the disputed invoices, oldest dispute first, with its booking's service, provider and requester. */
    async disputedInvoices(page: PageRequest, tx: Executor = db) {
      return readFilteredPage(tx, page, {
        select: () =>
          tx
            .select({
              invoice: invoices,
              feePence: brokerageFees.feePence,
              serviceName: services.name,
              organisationName: organisations.name,
              requesterName: users.displayName,
            })
            .from(invoices)
            .innerJoin(bookings, eq(bookings.id, invoices.bookingId))
            .innerJoin(services, eq(services.id, bookings.serviceId))
            .innerJoin(organisations, eq(organisations.id, services.organisationId))
            .innerJoin(users, eq(users.id, bookings.requesterId))
            .leftJoin(brokerageFees, eq(brokerageFees.invoiceId, invoices.id)),
        where: eq(invoices.status, 'disputed'),
        orderBy: [asc(invoices.updatedAt), asc(invoices.id)],
        counted: invoices,
      });
    },

    async lockInvoice(id: string, tx: Executor): Promise<InvoiceRow | undefined> {
      const [row] = await tx.select().from(invoices).where(eq(invoices.id, id)).for('update');
      return row;
    },

    async insertInvoice(values: typeof invoices.$inferInsert, tx: Executor): Promise<InvoiceRow> {
      const [row] = await tx.insert(invoices).values(values).returning();
      return row!;
    },

    async updateInvoice(id: string, values: Partial<typeof invoices.$inferInsert>, tx: Executor): Promise<void> {
      await tx.update(invoices).set(values).where(eq(invoices.id, id));
    },

    async recordBrokerageFee(values: typeof brokerageFees.$inferInsert, tx: Executor): Promise<void> {
      await tx.insert(brokerageFees).values(values);
    },

    async brokerageIncome(tx: Executor = db) {
      const month = sql<string>`to_char(${brokerageFees.recordedAt} at time zone 'UTC', 'YYYY-MM')`;
      const [byMonth, byProvider] = await readAll(tx, [
        () =>
          tx
            .select({
              month,
              feePence: sql<number>`sum(${brokerageFees.feePence})::int`,
              invoices: sql<number>`count(*)::int`,
            })
            .from(brokerageFees)
            .groupBy(month)
            .orderBy(month),
        () =>
          tx
            .select({
              organisationId: brokerageFees.organisationId,
              organisationName: organisations.name,
              feePence: sql<number>`sum(${brokerageFees.feePence})::int`,
              invoices: sql<number>`count(*)::int`,
            })
            .from(brokerageFees)
            .innerJoin(organisations, eq(organisations.id, brokerageFees.organisationId))
            .groupBy(brokerageFees.organisationId, organisations.name)
            .orderBy(desc(sql`sum(${brokerageFees.feePence})`)),
      ]);
      return { byMonth, byProvider };
    },
  };
}
export type BookingRepository = ReturnType<typeof createBookingRepository>;
