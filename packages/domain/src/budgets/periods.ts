// Dates and pro-rating for bookings against a budget period. Dates are ISO calendar dates (YYYY-MM-DD), UTC.

const DAY_MS = 86_400_000;

export function parseIsoDate(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) return null;
  return ms;
}

export function addDays(isoDate: string, days: number): string {
  const ms = parseIsoDate(isoDate);
  if (ms === null) throw new RangeError(`not a date: ${isoDate}`);
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (to exclusive). */
export function daysBetween(from: string, to: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (a === null || b === null) throw new RangeError(`not dates: ${from}, ${to}`);
  return Math.round((b - a) / DAY_MS);
}

/**
 * The cost of `days` of care at a weekly price. Full weeks cost the weekly price; a part week is pro-rated by
 * day and rounded up to the penny, so the money set aside always covers the care.
 */
export function costForDays(weeklyPence: number, days: number): number {
  if (!Number.isSafeInteger(weeklyPence) || weeklyPence < 0) throw new RangeError('weeklyPence must be whole pence');
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError('days must be a whole number');
  const fullWeeks = Math.floor(days / 7);
  const partDays = days % 7;
  return fullWeeks * weeklyPence + Math.ceil((weeklyPence * partDays) / 7);
}

export interface BudgetPeriod {
  /** First day covered (inclusive). */
  startsOn: string;
  /** Last day covered (inclusive). */
  endsOn: string;
}

export type CommitmentQuote =
  { ok: true; costPence: number; days: number; coveredUntil: string } | { ok: false; detail: string };

/**
 * What accepting a booking commits against a budget: the weekly price for the part of the booking that falls
 * inside the budget period (the council commits only to the end of its own period), pro-rated for part weeks.
 * A booking that starts outside the budget period cannot be paid from it.
 */
export function commitmentForBooking(
  booking: { startDate: string; durationWeeks: number; weeklyPence: number },
  period: BudgetPeriod,
): CommitmentQuote {
  if (parseIsoDate(booking.startDate) === null) return { ok: false, detail: 'The start date is not a real date.' };
  if (booking.startDate < period.startsOn || booking.startDate > period.endsOn) {
    return {
      ok: false,
      detail: `The booking starts on ${booking.startDate}, outside the budget period ${period.startsOn} to ${period.endsOn}.`,
    };
  }
  const bookingEndExclusive = addDays(booking.startDate, booking.durationWeeks * 7);
  const periodEndExclusive = addDays(period.endsOn, 1);
  const endExclusive = bookingEndExclusive < periodEndExclusive ? bookingEndExclusive : periodEndExclusive;
  const days = daysBetween(booking.startDate, endExclusive);
  return {
    ok: true,
    costPence: costForDays(booking.weeklyPence, days),
    days,
    coveredUntil: addDays(endExclusive, -1),
  };
}
