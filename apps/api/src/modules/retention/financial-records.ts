// What is left of a deleted account's bookings when the council no longer has to keep it. Deleting an account
// keeps its bookings, invoices and ledger entries (the council must keep financial records) without the person's
// name or what they wrote. Once `financialRecordYears` have passed after the end of the financial year (1 April
// to 31 March) in which a booking last changed, the rest of its text goes too: the provider's quote terms and
// reasons, every message and the notes on its history. Amounts, dates, the service and the ledger stay, as
// anonymous figures, so budgets and the council's totals still add up.
import { and, eq, inArray, isNotNull, lt, or, ne, sql } from 'drizzle-orm';
import { bookingEvents, bookingMessages, bookings, users, type Executor } from '@care-assist/db';

/** The first 1 April (UTC) on or before `date`: financial years in England start then. */
export function financialYearStart(date: Date): Date {
  const year = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return new Date(Date.UTC(year, 3, 1));
}

/**
 * Bookings last changed before this moment belong to financial years that ended at least `years` years before
 * `now`: a year ending 31 March Y is kept until 1 April Y + years.
 */
export function financialRecordsCutoff(now: Date, years: number): Date {
  const back = new Date(now);
  back.setUTCFullYear(back.getUTCFullYear() - years);
  return financialYearStart(back);
}

/** Returns how many bookings had text removed. */
export async function purgeExpiredFinancialText(tx: Executor, now: Date, years: number): Promise<number> {
  const cutoff = financialRecordsCutoff(now, years);
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
}

/** At deletion: what the person wrote in their requests and messages, which no financial record needs. */
export async function eraseWrittenByRequester(tx: Executor, userId: string): Promise<void> {
  await tx.update(bookings).set({ notes: '' }).where(eq(bookings.requesterId, userId));
  await tx
    .update(bookingMessages)
    .set({ body: sql`''` })
    .where(eq(bookingMessages.authorId, userId));
}
