import { describe, expect, it } from 'vitest';
import { bookingQuote, bookingState, type BookingStateColumns } from './booking-state.ts';

const quotedAt = new Date('2026-06-01T10:00:00Z');
const requested: BookingStateColumns = {
  status: 'requested',
  quoteWeeklyPence: null,
  quoteStartDate: null,
  quoteTerms: null,
  quotedAt: null,
  declineReason: null,
  funding: null,
  budgetAccountId: null,
};
const quoted: BookingStateColumns = {
  ...requested,
  status: 'quoted',
  quoteWeeklyPence: 35_000,
  quoteStartDate: '2026-06-08',
  quoteTerms: 'Four weeks notice.',
  quotedAt,
};
const quote = { weeklyPence: 35_000, startDate: '2026-06-08', terms: 'Four weeks notice.', quotedAt };

describe('bookingState', () => {
  it('reads what each status guarantees', () => {
    expect(bookingState(requested)).toEqual({ status: 'requested', quote: null });
    expect(bookingState(quoted)).toEqual({ status: 'quoted', quote });
    expect(bookingState({ ...quoted, status: 'declined', declineReason: 'Full' })).toEqual({
      status: 'declined',
      quote,
      declineReason: 'Full',
    });
    expect(bookingState({ ...quoted, status: 'active', funding: 'budget', budgetAccountId: 'b-1' })).toEqual({
      status: 'active',
      quote,
      paidBy: { funding: 'budget', budgetAccountId: 'b-1' },
    });
    expect(bookingState({ ...quoted, status: 'accepted', funding: 'self_funded' })).toEqual({
      status: 'accepted',
      quote,
      paidBy: { funding: 'self_funded', budgetAccountId: null },
    });
    expect(bookingState({ ...requested, status: 'cancelled' })).toEqual({
      status: 'cancelled',
      quote: null,
      paidBy: null,
    });
  });

  it('refuses a row that lacks what its status guarantees', () => {
    expect(() => bookingState({ ...requested, status: 'quoted' })).toThrow(/has no quote/);
    expect(() => bookingState({ ...quoted, status: 'active' })).toThrow(/has no funding/);
    expect(() => bookingState({ ...quoted, status: 'completed', funding: 'budget' })).toThrow(/has no funding/);
  });

  it('gives no quote until every part of one is there, and empty terms when none were written', () => {
    expect(bookingQuote({ ...quoted, quotedAt: null })).toBeNull();
    expect(bookingQuote({ ...quoted, quoteTerms: null })).toEqual({ ...quote, terms: '' });
  });
});
