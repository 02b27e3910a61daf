// Drizzle queries for retention: the purge's advisory lock, the deletes of rows kept only for a while, and the
// removal of text from a deleted account's bookings (at deletion, and once the financial records have expired).
import { and, eq, inArray, isNotNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
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

/** Deletes the rows of `table` that match `where`; how many went. */
async function deleteCounting(tx: Executor, table: PgTable, where: SQL | undefined): Promise<number> {
  const result = await tx.delete(table).where(where);
  return result.rowCount ?? 0;
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
      return deleteCounting(
        tx,
        searchOutbox,
        and(isNotNull(searchOutbox.processedAt), lt(searchOutbox.processedAt, before)),
      );
    },

    async deleteIdempotencyKeysCreatedBefore(before: Date, tx: Executor = db): Promise<number> {
      return deleteCounting(tx, idempotencyKeys, lt(idempotencyKeys.createdAt, before));
    },

    async deleteRefreshTokensExpiredBefore(before: Date, tx: Executor = db): Promise<number> {
      return deleteCounting(tx, refreshTokens, lt(refreshTokens.expiresAt, before));
    },

    async deleteSearchEventsBefore(before: Date, tx: Executor = db): Promise<number> {
      return deleteCounting(tx, searchEvents, lt(searchEvents.occurredAt, before));
    },

    /** E-mails sent, or given up on, before `before`. */
    async deleteFinishedEmailsBefore(before: Date, tx: Executor = db): Promise<number> {
      return deleteCounting(
        tx,
        outboundMessages,
        or(lt(outboundMessages.sentAt, before), lt(outboundMessages.failedAt, before)),
      );
    },

    async deleteAccountTokensExpiredBefore(before: Date, tx: Executor = db): Promise<number> {
      return deleteCounting(tx, accountTokens, lt(accountTokens.expiresAt, before));
    },

    async deleteEmailThrottlesBefore(before: Date, tx: Executor = db): Promise<number> {
      return deleteCounting(tx, emailRequestThrottles, lt(emailRequestThrottles.windowStart, before));
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
