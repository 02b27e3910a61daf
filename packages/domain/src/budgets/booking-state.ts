// A booking's state as a union on its status, so what a status guarantees is in the type: a quote from
// "quoted" on, a way of paying from "accepted" on, a reason once declined. Code that acts on one status reads
// those facts without asserting them; a row that breaks them is corrupt and refused loudly.
import type { BookingStatus } from './state-machines.ts';

/** The provider's quote as the resident accepts it. */
export interface BookingQuote {
  weeklyPence: number;
  startDate: string;
  terms: string;
  quotedAt: Date;
}

/** How an accepted booking is paid: from one personal budget, or by the person themselves. */
export type BookingFunding =
  { funding: 'budget'; budgetAccountId: string } | { funding: 'self_funded'; budgetAccountId: null };

export type BookingState =
  | { status: 'requested'; quote: null }
  | { status: 'quoted'; quote: BookingQuote }
  | { status: 'declined'; quote: BookingQuote | null; declineReason: string }
  | { status: 'accepted' | 'active' | 'completed'; quote: BookingQuote; paidBy: BookingFunding }
  // Either side can cancel before or after acceptance.
  | { status: 'cancelled'; quote: BookingQuote | null; paidBy: BookingFunding | null };

/** The columns of a stored booking that carry its state. */
export interface BookingStateColumns {
  status: BookingStatus;
  quoteWeeklyPence: number | null;
  quoteStartDate: string | null;
  quoteTerms: string | null;
  quotedAt: Date | null;
  declineReason: string | null;
  funding: 'budget' | 'self_funded' | null;
  budgetAccountId: string | null;
}

/** The quote on a stored booking, if the provider has given one. */
export function bookingQuote(row: BookingStateColumns): BookingQuote | null {
  if (!row.quoteWeeklyPence || !row.quoteStartDate || !row.quotedAt) return null;
  return {
    weeklyPence: row.quoteWeeklyPence,
    startDate: row.quoteStartDate,
    terms: row.quoteTerms ?? '',
    quotedAt: row.quotedAt,
  };
}

function bookingFunding(row: BookingStateColumns): BookingFunding | null {
  if (row.funding === 'budget' && row.budgetAccountId)
    return { funding: 'budget', budgetAccountId: row.budgetAccountId };
  if (row.funding === 'self_funded' && !row.budgetAccountId) return { funding: 'self_funded', budgetAccountId: null };
  return null;
}

/** Reads a stored booking's state; throws if the row lacks what its status guarantees (corrupt data). */
export function bookingState(row: BookingStateColumns): BookingState {
  const quote = bookingQuote(row);
  const paidBy = bookingFunding(row);
  const corrupt = (missing: string) => new Error(`A booking that is "${row.status}" has no ${missing}.`);
  switch (row.status) {
    case 'requested':
      return { status: row.status, quote: null };
    case 'quoted':
      if (!quote) throw corrupt('quote');
      return { status: row.status, quote };
    case 'declined':
      return { status: row.status, quote, declineReason: row.declineReason ?? '' };
    case 'accepted':
    case 'active':
    case 'completed':
      if (!quote) throw corrupt('quote');
      if (!paidBy) throw corrupt('funding');
      return { status: row.status, quote, paidBy };
    case 'cancelled':
      return { status: row.status, quote, paidBy };
  }
}
