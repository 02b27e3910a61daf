// Drizzle queries for a person's UK GDPR rights over their own account: reading everything held about them
// (data-export.ts) and erasing it (deletion.ts). Every method takes an optional transaction.
import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import {
  accountTokens,
  bookingMessages,
  bookings,
  budgetAccounts,
  budgetLedger,
  invoices,
  notificationPreferences,
  notifications,
  organisationMembers,
  outboundMessages,
  questions,
  refreshTokens,
  reviews,
  services,
  shortlistItems,
  users,
  type BookingRow,
  type BudgetAccountRow,
  type Database,
  type Executor,
  type InvoiceRow,
  type LedgerRow,
  type NotificationPreferenceRow,
  type NotificationRow,
  type QuestionRow,
  type ReviewRow,
  type ShortlistItemRow,
  type UserRow,
} from '@care-assist/db';

export function createDataRightsRepository(db: Database) {
  return {
    // What the data export reads, each by the person's id.

    async bookingsOf(userId: string, tx: Executor = db) {
      return tx
        .select({
          id: bookings.id,
          service: services.name,
          status: bookings.status,
          careType: bookings.careType,
          startDate: bookings.startDate,
          hoursPerWeek: bookings.hoursPerWeek,
          notes: bookings.notes,
          createdAt: bookings.createdAt,
        })
        .from(bookings)
        .innerJoin(services, eq(services.id, bookings.serviceId))
        .where(eq(bookings.requesterId, userId));
    },

    async budgetAccountsOf(userId: string, tx: Executor = db): Promise<BudgetAccountRow[]> {
      return tx.select().from(budgetAccounts).where(eq(budgetAccounts.holderId, userId));
    },

    async reviewsBy(userId: string, tx: Executor = db): Promise<ReviewRow[]> {
      return tx.select().from(reviews).where(eq(reviews.authorId, userId));
    },

    async questionsBy(userId: string, tx: Executor = db): Promise<QuestionRow[]> {
      return tx.select().from(questions).where(eq(questions.authorId, userId));
    },

    /** Messages on the person's bookings, and any they wrote elsewhere; `fromYou` says which side wrote each. */
    async bookingMessagesOf(userId: string, bookingIds: string[], tx: Executor = db) {
      return tx
        .select({
          bookingId: bookingMessages.bookingId,
          fromYou: eq(bookingMessages.authorId, userId),
          body: bookingMessages.body,
          createdAt: bookingMessages.createdAt,
        })
        .from(bookingMessages)
        .where(
          bookingIds.length
            ? or(inArray(bookingMessages.bookingId, bookingIds), eq(bookingMessages.authorId, userId))
            : eq(bookingMessages.authorId, userId),
        );
    },

    /** The ledger entries of these budget accounts (none asked for, none read). */
    async ledgerOf(accountIds: string[], tx: Executor = db): Promise<LedgerRow[]> {
      return accountIds.length
        ? tx.select().from(budgetLedger).where(inArray(budgetLedger.budgetAccountId, accountIds))
        : Promise.resolve([]);
    },

    async notificationsOf(userId: string, tx: Executor = db): Promise<NotificationRow[]> {
      return tx
        .select()
        .from(notifications)
        .where(eq(notifications.userId, userId))
        .orderBy(desc(notifications.createdAt));
    },

    /** Sessions (refresh-token families and their tokens), without the token hashes. */
    async sessionsOf(userId: string, tx: Executor = db) {
      return tx
        .select({
          session: refreshTokens.familyId,
          createdAt: refreshTokens.createdAt,
          expiresAt: refreshTokens.expiresAt,
          revokedAt: refreshTokens.revokedAt,
        })
        .from(refreshTokens)
        .where(eq(refreshTokens.userId, userId));
    },

    async shortlistOf(userId: string, tx: Executor = db): Promise<ShortlistItemRow[]> {
      return tx.select().from(shortlistItems).where(eq(shortlistItems.userId, userId));
    },

    async emailPreferencesOf(userId: string, tx: Executor = db): Promise<NotificationPreferenceRow[]> {
      return tx.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
    },

    /** E-mails to the person's account or address, without their bodies and links. */
    async emailsTo(userId: string, email: string, tx: Executor = db) {
      return tx
        .select({
          to: outboundMessages.to,
          subject: outboundMessages.subject,
          createdAt: outboundMessages.createdAt,
          sentAt: outboundMessages.sentAt,
        })
        .from(outboundMessages)
        .where(or(eq(outboundMessages.userId, userId), eq(outboundMessages.to, email)));
    },

    /** That the person's e-mail links exist, never their hashes. */
    async emailLinksOf(userId: string, tx: Executor = db) {
      return tx
        .select({ purpose: accountTokens.purpose, createdAt: accountTokens.createdAt, usedAt: accountTokens.usedAt })
        .from(accountTokens)
        .where(eq(accountTokens.userId, userId));
    },

    // What deleting an account reads and changes, all inside the deletion's transaction.

    /** Locks the person's row until the transaction ends. */
    async lockUser(userId: string, tx: Executor = db): Promise<void> {
      await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    },

    async bookingsRequestedIn(
      userId: string,
      statuses: BookingRow['status'][],
      tx: Executor = db,
    ): Promise<{ id: string; status: BookingRow['status'] }[]> {
      return tx
        .select({ id: bookings.id, status: bookings.status })
        .from(bookings)
        .where(and(eq(bookings.requesterId, userId), inArray(bookings.status, statuses)));
    },

    /** Invoices in these statuses on bookings the person requested. */
    async invoicesOfRequesterIn(
      userId: string,
      statuses: InvoiceRow['status'][],
      tx: Executor = db,
    ): Promise<{ id: string }[]> {
      return tx
        .select({ id: invoices.id })
        .from(invoices)
        .innerJoin(bookings, eq(bookings.id, invoices.bookingId))
        .where(and(eq(bookings.requesterId, userId), inArray(invoices.status, statuses)));
    },

    /** Withdraws the person's reviews in these statuses; the services they were about, one per review. */
    async withdrawReviewsBy(
      userId: string,
      statuses: ReviewRow['status'][],
      at: Date,
      tx: Executor = db,
    ): Promise<{ serviceId: string }[]> {
      return tx
        .update(reviews)
        .set({ status: 'withdrawn', updatedAt: at })
        .where(and(eq(reviews.authorId, userId), inArray(reviews.status, statuses)))
        .returning({ serviceId: reviews.serviceId });
    },

    /** Deletes what only ever concerned the person: shortlist, notifications, preferences, links, sessions, teams. */
    async deletePersonalRows(userId: string, tx: Executor = db): Promise<void> {
      await tx.delete(shortlistItems).where(eq(shortlistItems.userId, userId));
      await tx.delete(notifications).where(eq(notifications.userId, userId));
      await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
      await tx.delete(accountTokens).where(eq(accountTokens.userId, userId));
      await tx.delete(refreshTokens).where(eq(refreshTokens.userId, userId));
      await tx.delete(organisationMembers).where(eq(organisationMembers.userId, userId));
    },

    /** Drops mail to the person not yet sent; mail already sent keeps no address, body or link. */
    async eraseMailTo(userId: string, email: string, tx: Executor = db): Promise<void> {
      await tx
        .delete(outboundMessages)
        .where(
          and(or(eq(outboundMessages.userId, userId), eq(outboundMessages.to, email)), isNull(outboundMessages.sentAt)),
        );
      await tx
        .update(outboundMessages)
        .set({ to: 'erased', body: '', link: null, userId: null })
        .where(or(eq(outboundMessages.userId, userId), eq(outboundMessages.to, email)));
    },

    /** Overwrites the users row with the tombstone the service chose. */
    async tombstoneUser(
      userId: string,
      tombstone: Pick<
        UserRow,
        'email' | 'displayName' | 'passwordHash' | 'emailVerifiedAt' | 'disabledAt' | 'erasedAt' | 'updatedAt'
      >,
      tx: Executor = db,
    ): Promise<void> {
      await tx.update(users).set(tombstone).where(eq(users.id, userId));
    },
  };
}
export type DataRightsRepository = ReturnType<typeof createDataRightsRepository>;
