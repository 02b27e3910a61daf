// Drizzle queries for retention: the purge's advisory lock, the deletes of rows kept only for a while, and the
// removal of text from a deleted account's bookings (at deletion, and once the financial records have expired).
import { and, eq, inArray, isNotNull, lt, ne, or, sql } from 'drizzle-orm';
import {
  accountTokens,
  bookingEvents,
  bookingMessages,
  bookings,
  emailRequestThrottles,
  idempotencyKeys,
  outboundMessages,
  refreshTokens,
  searchEvents,
  searchOutbox,
  users,
  type Database,
  type Executor,
} from '@care-assist/db';

/**
 * At deletion: what the person wrote in their requests and messages, which no financial record needs. It runs in
 * the deletion's own transaction (accounts/deletion.ts calls it through financial-records.ts), so it takes it first.
 */
export async function eraseWrittenByRequester(tx: Executor, userId: string): Promise<void> {
  await tx.update(bookings).set({ notes: '' }).where(eq(bookings.requesterId, userId));
  await tx
    .update(bookingMessages)
    .set({ body: sql`''` })
    .where(eq(bookingMessages.authorId, userId));
}

export function createRetentionRepository(db: Database) {
  return {
    /** A transaction-level advisory lock, taken only if it is free (false when another process holds it). */
    async tryTransactionLock(key: number, tx: Executor = db): Promise<boolean> {
      const locked = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${key}) as locked`);
      return Boolean(locked.rows[0]?.locked);
    },

    /** Search-outbox rows applied to the index before `before`; how many went. */
    async deleteProcessedSearchOutbox(before: Date, tx: Executor = db): Promise<number> {
      const rows = await tx
        .delete(searchOutbox)
        .where(and(isNotNull(searchOutbox.processedAt), lt(searchOutbox.processedAt, before)))
        .returning({ id: searchOutbox.id });
      return rows.length;
    },

    async deleteIdempotencyKeysCreatedBefore(before: Date, tx: Executor = db): Promise<number> {
      const rows = await tx
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.createdAt, before))
        .returning({ id: idempotencyKeys.id });
      return rows.length;
    },

    async deleteRefreshTokensExpiredBefore(before: Date, tx: Executor = db): Promise<number> {
      const rows = await tx
        .delete(refreshTokens)
        .where(lt(refreshTokens.expiresAt, before))
        .returning({ id: refreshTokens.id });
      return rows.length;
    },

    async deleteSearchEventsBefore(before: Date, tx: Executor = db): Promise<number> {
      const rows = await tx
        .delete(searchEvents)
        .where(lt(searchEvents.occurredAt, before))
        .returning({ id: searchEvents.id });
      return rows.length;
    },

    /** E-mails sent, or given up on, before `before`. */
    async deleteFinishedEmailsBefore(before: Date, tx: Executor = db): Promise<number> {
      const rows = await tx
        .delete(outboundMessages)
        .where(or(lt(outboundMessages.sentAt, before), lt(outboundMessages.failedAt, before)))
        .returning({ id: outboundMessages.id });
      return rows.length;
    },

    async deleteAccountTokensExpiredBefore(before: Date, tx: Executor = db): Promise<number> {
      const rows = await tx
        .delete(accountTokens)
        .where(lt(accountTokens.expiresAt, before))
        .returning({ id: accountTokens.id });
      return rows.length;
    },

    async deleteEmailThrottlesBefore(before: Date, tx: Executor = db): Promise<number> {
      const rows = await tx
        .delete(emailRequestThrottles)
        .where(lt(emailRequestThrottles.windowStart, before))
        .returning({ key: emailRequestThrottles.key });
      return rows.length;
    },

    /**
     * The remaining text of erased accounts' bookings last changed before `cutoff`: their messages, the notes on
     * their history, and their notes, quote terms and decline reason. Returns how many bookings had text removed.
     */
    async clearErasedBookingTextBefore(cutoff: Date, tx: Executor = db): Promise<number> {
      const expired = tx
        .select({ id: bookings.id })
        .from(bookings)
        .innerJoin(users, eq(users.id, bookings.requesterId))
        .where(and(isNotNull(users.erasedAt), lt(bookings.updatedAt, cutoff)));
      await tx.delete(bookingMessages).where(inArray(bookingMessages.bookingId, expired));
      await tx
        .update(bookingEvents)
        .set({ note: '' })
        .where(and(inArray(bookingEvents.bookingId, expired), ne(bookingEvents.note, '')));
      const cleared = await tx
        .update(bookings)
        .set({ notes: '', quoteTerms: null, declineReason: null })
        .where(
          and(
            inArray(bookings.id, expired),
            or(ne(bookings.notes, ''), isNotNull(bookings.quoteTerms), isNotNull(bookings.declineReason)),
          ),
        )
        .returning({ id: bookings.id });
      return cleared.length;
    },
  };
}
export type RetentionRepository = ReturnType<typeof createRetentionRepository>;
