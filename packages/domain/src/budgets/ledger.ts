// The budget ledger as pure arithmetic. A budget never stores a balance: every figure is a sum over its
// append-only entries, so a figure cannot drift from the entries that produced it.
//
// Sign convention (pence, from the budget's point of view, so "available" is simply the sum of everything):
//   allocation  > 0   money the council puts in
//   adjustment  != 0  a correction by council staff, either way
//   commitment  < 0   money set aside for an accepted booking
//   release     > 0   set-aside money given back (cancel, complete, or moved on to a payment)
//   payment     < 0   money paid out on an invoice
//   refund      > 0   money paid back

export const LEDGER_ENTRY_KINDS = ['allocation', 'adjustment', 'commitment', 'release', 'payment', 'refund'] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

export interface LedgerEntryAmount {
  kind: LedgerEntryKind;
  amountPence: number;
  bookingId?: string | null;
}

export interface BudgetFigures {
  /** Allocations plus adjustments: what the council has given. */
  allocatedPence: number;
  adjustmentsPence: number;
  /** Set aside for accepted bookings and not yet paid or released. */
  committedPence: number;
  paidPence: number;
  /** allocated - committed - paid, which is also the plain sum of every entry. */
  availablePence: number;
}

/** The largest single amount any money operation accepts: £1,000,000. Bigger is a typo, not care. */
export const MAX_AMOUNT_PENCE = 100_000_000;

const SIGN: Record<LedgerEntryKind, 'positive' | 'negative' | 'either'> = {
  allocation: 'positive',
  adjustment: 'either',
  commitment: 'negative',
  release: 'positive',
  payment: 'negative',
  refund: 'positive',
};

/** True when an entry's amount has the sign its kind demands and is a whole, sane number of pence. */
export function isValidEntryAmount(entry: LedgerEntryAmount): boolean {
  const { amountPence } = entry;
  if (!Number.isSafeInteger(amountPence) || amountPence === 0) return false;
  if (Math.abs(amountPence) > MAX_AMOUNT_PENCE) return false;
  const sign = SIGN[entry.kind];
  return sign === 'either' || (sign === 'positive' ? amountPence > 0 : amountPence < 0);
}

export function budgetFigures(entries: readonly LedgerEntryAmount[]): BudgetFigures {
  let allocations = 0;
  let adjustmentsPence = 0;
  let committed = 0;
  let paid = 0;
  for (const { kind, amountPence } of entries) {
    if (kind === 'allocation') allocations += amountPence;
    else if (kind === 'adjustment') adjustmentsPence += amountPence;
    else if (kind === 'commitment' || kind === 'release') committed -= amountPence;
    else paid -= amountPence;
  }
  const allocatedPence = allocations + adjustmentsPence;
  return {
    allocatedPence,
    adjustmentsPence,
    committedPence: committed,
    paidPence: paid,
    availablePence: allocatedPence - committed - paid,
  };
}

/** What is still set aside for one booking: its commitments less its releases. */
export function committedForBooking(entries: readonly LedgerEntryAmount[], bookingId: string): number {
  let committed = 0;
  for (const entry of entries) {
    if (entry.bookingId !== bookingId) continue;
    if (entry.kind === 'commitment' || entry.kind === 'release') committed -= entry.amountPence;
  }
  return committed;
}

/** Each entry with the available figure after it: the "running figure" on a statement. */
export function withRunningAvailable<T extends LedgerEntryAmount>(
  entries: readonly T[],
  openingPence = 0,
): (T & { availableAfterPence: number })[] {
  let running = openingPence;
  return entries.map((entry) => {
    running += entry.amountPence;
    return { ...entry, availableAfterPence: running };
  });
}
