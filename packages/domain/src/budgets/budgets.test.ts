import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetFigures, committedForBooking, isValidEntryAmount, withRunningAvailable } from './ledger.ts';
import {
  planAdjustment,
  planAllocation,
  planCommitment,
  planPayment,
  planRelease,
  type PlannedEntry,
} from './plans.ts';
import { commitmentForBooking, costForDays } from './periods.ts';
import {
  BOOKING_ACTIONS,
  BOOKING_STATUSES,
  INVOICE_ACTIONS,
  INVOICE_STATUSES,
  brokerageFeePence,
  nextBookingStatus,
  nextInvoiceStatus,
} from './state-machines.ts';

const BOOKINGS = ['b1', 'b2', 'b3'];

type Op =
  | { op: 'allocate'; pence: number }
  | { op: 'adjust'; pence: number }
  | { op: 'commit'; booking: string; pence: number }
  | { op: 'release'; booking: string }
  | { op: 'pay'; booking: string; pence: number };

const pence = fc.oneof(fc.integer({ min: -5, max: 200_000 }), fc.double(), fc.constant(0), fc.constant(1e12));
const booking = fc.constantFrom(...BOOKINGS);
const operation: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('allocate' as const), pence }),
  fc.record({ op: fc.constant('adjust' as const), pence: fc.integer({ min: -300_000, max: 300_000 }) }),
  fc.record({ op: fc.constant('commit' as const), booking, pence }),
  fc.record({ op: fc.constant('release' as const), booking }),
  fc.record({ op: fc.constant('pay' as const), booking, pence }),
);

function apply(entries: PlannedEntry[], op: Op) {
  const plan =
    op.op === 'allocate'
      ? planAllocation(op.pence)
      : op.op === 'adjust'
        ? planAdjustment(entries, op.pence)
        : op.op === 'commit'
          ? planCommitment(entries, op.booking, op.pence)
          : op.op === 'release'
            ? planRelease(entries, op.booking)
            : planPayment(entries, op.booking, op.pence);
  return plan.ok ? { entries: [...entries, ...plan.entries], moved: plan.entries } : { entries, moved: [] };
}

describe('budget ledger properties', () => {
  it('no sequence of operations makes available, committed or paid negative', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (ops) => {
        let entries: PlannedEntry[] = [];
        for (const op of ops) {
          entries = apply(entries, op).entries;
          const figures = budgetFigures(entries);
          expect(figures.availablePence).toBeGreaterThanOrEqual(0);
          expect(figures.committedPence).toBeGreaterThanOrEqual(0);
          expect(figures.paidPence).toBeGreaterThanOrEqual(0);
          for (const b of BOOKINGS) expect(committedForBooking(entries, b)).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('money is neither created nor destroyed: figures reconcile with the sum of entries', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (ops) => {
        let entries: PlannedEntry[] = [];
        let putIn = 0;
        for (const op of ops) {
          const result = apply(entries, op);
          entries = result.entries;
          for (const e of result.moved) {
            expect(isValidEntryAmount(e)).toBe(true);
            if (e.kind === 'allocation' || e.kind === 'adjustment') putIn += e.amountPence;
          }
          const f = budgetFigures(entries);
          const sum = entries.reduce((s, e) => s + e.amountPence, 0);
          expect(f.availablePence).toBe(sum);
          expect(f.allocatedPence).toBe(putIn);
          // What the council put in is exactly what is available, set aside and paid out.
          expect(f.availablePence + f.committedPence + f.paidPence).toBe(putIn);
          // Committed is exactly the sum of what each booking still has set aside.
          expect(f.committedPence).toBe(BOOKINGS.reduce((s, b) => s + committedForBooking(entries, b), 0));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('rejects zero, negative, fractional and huge amounts without moving money', () => {
    const funded = [...(planAllocation(100_000) as { entries: PlannedEntry[] }).entries];
    for (const bad of [0, -1, 1.5, Number.NaN, 1e12, Infinity]) {
      expect(planAllocation(bad).ok).toBe(false);
      expect(planCommitment(funded, 'b1', bad).ok).toBe(false);
      expect(planPayment(funded, 'b1', bad).ok).toBe(false);
    }
    expect(planAdjustment(funded, 0).ok).toBe(false);
  });

  it('refuses a commitment the budget cannot cover, and accepts exactly what is available', () => {
    const funded = (planAllocation(10_000) as { entries: PlannedEntry[] }).entries;
    expect(planCommitment(funded, 'b1', 10_001)).toMatchObject({ ok: false, reason: 'insufficient_funds' });
    expect(planCommitment(funded, 'b1', 10_000).ok).toBe(true);
  });

  it('pays from the commitment first, then from available money', () => {
    let entries = (planAllocation(10_000) as { entries: PlannedEntry[] }).entries;
    entries = apply(entries, { op: 'commit', booking: 'b1', pence: 6_000 }).entries;
    const plan = planPayment(entries, 'b1', 7_000);
    expect(plan).toEqual({
      ok: true,
      entries: [
        { kind: 'release', amountPence: 6_000, bookingId: 'b1' },
        { kind: 'payment', amountPence: -7_000, bookingId: 'b1' },
      ],
    });
    entries = apply(entries, { op: 'pay', booking: 'b1', pence: 7_000 }).entries;
    expect(budgetFigures(entries)).toMatchObject({ committedPence: 0, paidPence: 7_000, availablePence: 3_000 });
    expect(planPayment(entries, 'b2', 3_001).ok).toBe(false);
  });

  it('gives each entry a running available figure', () => {
    const rows = withRunningAvailable([
      { kind: 'allocation', amountPence: 1000 },
      { kind: 'commitment', amountPence: -300 },
      { kind: 'release', amountPence: 100 },
    ] as const);
    expect(rows.map((r) => r.availableAfterPence)).toEqual([1000, 700, 800]);
  });
});

describe('commitments for a booking period', () => {
  const period = { startsOn: '2026-04-01', endsOn: '2027-03-31' };

  it('charges full weeks at the weekly price and pro-rates part weeks, rounding up', () => {
    expect(costForDays(70_000, 14)).toBe(140_000);
    expect(costForDays(70_000, 3)).toBe(30_000);
    expect(costForDays(1_000, 1)).toBe(143); // 142.86 rounded up
    expect(costForDays(1_000, 0)).toBe(0);
  });

  it('never costs less than the days pro-rated, and never more than a penny over', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 800 }), (weekly, days) => {
        const cost = costForDays(weekly, days);
        expect(cost * 7).toBeGreaterThanOrEqual(weekly * days);
        expect(cost * 7 - weekly * days).toBeLessThan(7);
      }),
    );
  });

  it('commits the whole booking when it fits inside the budget period', () => {
    expect(commitmentForBooking({ startDate: '2026-05-04', durationWeeks: 4, weeklyPence: 50_000 }, period)).toEqual({
      ok: true,
      costPence: 200_000,
      days: 28,
      coveredUntil: '2026-05-31',
    });
  });

  it('commits only up to the end of the budget period, pro-rating the last part week', () => {
    const quote = commitmentForBooking({ startDate: '2027-03-29', durationWeeks: 2, weeklyPence: 70_000 }, period);
    expect(quote).toEqual({ ok: true, costPence: 30_000, days: 3, coveredUntil: '2027-03-31' });
  });

  it('refuses a booking starting outside the budget period', () => {
    expect(commitmentForBooking({ startDate: '2026-03-31', durationWeeks: 1, weeklyPence: 1 }, period).ok).toBe(false);
    expect(commitmentForBooking({ startDate: '2027-04-01', durationWeeks: 1, weeklyPence: 1 }, period).ok).toBe(false);
    expect(commitmentForBooking({ startDate: '2026-02-30', durationWeeks: 1, weeklyPence: 1 }, period).ok).toBe(false);
  });
});

describe('state machines', () => {
  it('walks the happy path of a booking and stops at the end states', () => {
    const path = ['quote', 'accept', 'start', 'complete'] as const;
    let status: (typeof BOOKING_STATUSES)[number] | null = 'requested';
    for (const action of path) status = nextBookingStatus(status!, action);
    expect(status).toBe('completed');
    for (const end of ['completed', 'cancelled', 'declined'] as const) {
      for (const action of BOOKING_ACTIONS) expect(nextBookingStatus(end, action)).toBeNull();
    }
  });

  it('rejects illegal booking transitions (accept before quote, start before accept, re-accept)', () => {
    expect(nextBookingStatus('requested', 'accept')).toBeNull();
    expect(nextBookingStatus('quoted', 'start')).toBeNull();
    expect(nextBookingStatus('accepted', 'accept')).toBeNull();
    expect(nextBookingStatus('active', 'quote')).toBeNull();
  });

  it('no random sequence of actions leaves the set of statuses or revives an ended booking', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...BOOKING_ACTIONS), { maxLength: 30 }), (actions) => {
        let status: (typeof BOOKING_STATUSES)[number] = 'requested';
        let ended = false;
        for (const action of actions) {
          const next = nextBookingStatus(status, action);
          if (ended) expect(next).toBeNull();
          if (next) status = next;
          expect(BOOKING_STATUSES).toContain(status);
          if (['completed', 'cancelled', 'declined'].includes(status)) ended = true;
        }
      }),
    );
  });

  it('pays an invoice at most once, and only after approval', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...INVOICE_ACTIONS), { maxLength: 30 }), (actions) => {
        let status: (typeof INVOICE_STATUSES)[number] = 'submitted';
        let payments = 0;
        for (const action of actions) {
          const next = nextInvoiceStatus(status, action);
          if (action === 'pay' && next) {
            expect(status).toBe('approved');
            payments += 1;
          }
          if (next) status = next;
        }
        expect(payments).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('records the brokerage fee to the nearest penny', () => {
    expect(brokerageFeePence(10_000, 2.5)).toBe(250);
    expect(brokerageFeePence(999, 2.5)).toBe(25);
  });
});
