// The entries each money operation appends, decided purely from the current entries. Each plan either
// returns the entries to append or the reason it cannot, and never lets "available" go below zero.
import {
  MAX_AMOUNT_PENCE,
  budgetFigures,
  committedForBooking,
  type LedgerEntryAmount,
  type LedgerEntryKind,
} from './ledger.ts';

export interface PlannedEntry {
  kind: LedgerEntryKind;
  amountPence: number;
  bookingId: string | null;
}

export type Plan =
  | { ok: true; entries: PlannedEntry[] }
  | { ok: false; reason: 'invalid_amount' | 'insufficient_funds' | 'nothing_committed'; detail: string };

const isWholePence = (n: number, allowZero = false) =>
  Number.isSafeInteger(n) && (allowZero ? n >= 0 : n > 0) && n <= MAX_AMOUNT_PENCE;

const invalid = (detail: string): Plan => ({ ok: false, reason: 'invalid_amount', detail });

export function planAllocation(amountPence: number): Plan {
  if (!isWholePence(amountPence)) return invalid('An allocation must be a whole number of pence above zero.');
  return { ok: true, entries: [{ kind: 'allocation', amountPence, bookingId: null }] };
}

/** A correction either way; a negative one may not take more than is available. */
export function planAdjustment(entries: readonly LedgerEntryAmount[], amountPence: number): Plan {
  if (!Number.isSafeInteger(amountPence) || amountPence === 0 || Math.abs(amountPence) > MAX_AMOUNT_PENCE) {
    return invalid('An adjustment must be a whole number of pence, not zero.');
  }
  const { availablePence } = budgetFigures(entries);
  if (availablePence + amountPence < 0) {
    return {
      ok: false,
      reason: 'insufficient_funds',
      detail: `Only ${availablePence} pence is available, so the budget cannot be reduced by ${-amountPence}.`,
    };
  }
  return { ok: true, entries: [{ kind: 'adjustment', amountPence, bookingId: null }] };
}

/** Accepting a booking from the budget sets its expected cost aside, if the budget can cover it. */
export function planCommitment(entries: readonly LedgerEntryAmount[], bookingId: string, costPence: number): Plan {
  if (!isWholePence(costPence)) return invalid('The expected cost must be a whole number of pence above zero.');
  const { availablePence } = budgetFigures(entries);
  if (costPence > availablePence) {
    return {
      ok: false,
      reason: 'insufficient_funds',
      detail: `The booking would commit ${costPence} pence but only ${availablePence} pence is available.`,
    };
  }
  return { ok: true, entries: [{ kind: 'commitment', amountPence: -costPence, bookingId }] };
}

/** Cancelling or completing a booking gives back whatever is still set aside for it (nothing if none). */
export function planRelease(entries: readonly LedgerEntryAmount[], bookingId: string): Plan {
  const committed = committedForBooking(entries, bookingId);
  if (committed <= 0) return { ok: true, entries: [] };
  return { ok: true, entries: [{ kind: 'release', amountPence: committed, bookingId }] };
}

/**
 * Paying an invoice moves money from the booking's commitment to paid. If the invoice is larger than what
 * is still committed, the difference comes from available money, and only if it is there.
 */
export function planPayment(entries: readonly LedgerEntryAmount[], bookingId: string, amountPence: number): Plan {
  if (!isWholePence(amountPence)) return invalid('A payment must be a whole number of pence above zero.');
  const committed = Math.max(0, committedForBooking(entries, bookingId));
  const fromCommitment = Math.min(committed, amountPence);
  const extra = amountPence - fromCommitment;
  const { availablePence } = budgetFigures(entries);
  if (extra > availablePence) {
    return {
      ok: false,
      reason: 'insufficient_funds',
      detail: `The invoice is ${extra} pence more than was committed for the booking, and only ${availablePence} pence is available.`,
    };
  }
  const planned: PlannedEntry[] = [];
  if (fromCommitment > 0) planned.push({ kind: 'release', amountPence: fromCommitment, bookingId });
  planned.push({ kind: 'payment', amountPence: -amountPence, bookingId });
  return { ok: true, entries: planned };
}
