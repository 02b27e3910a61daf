// When the people in a care arrangement are asked about its outcomes: the review points of a booking or of
// council-arranged care. Pure functions over ISO calendar dates (YYYY-MM-DD, UTC).
//
// The rule: a first review 6 weeks after care starts; then every 3 calendar months counted from the start
// (3, 6, 9... months); and one at the end. A point that would fall within 14 days of the end is dropped, because
// the end review asks the same questions a few days later. Only the latest point that has come due is open:
// a point stays open until the next one is due, and the end review stays open for 8 weeks; a missed point
// simply lapses, so nobody gets a pile of old questionnaires.
import { addDays, parseIsoDate } from '../budgets/periods.ts';

export type ReviewPointKind = 'six_weeks' | 'three_monthly' | 'end';
/** Stored in outcome_reviews.review_point: 'week_6', 'month_3', 'month_6'..., 'end'. */
export type ReviewPointKey = 'week_6' | `month_${number}` | 'end';

export interface ReviewPoint {
  key: ReviewPointKey;
  kind: ReviewPointKind;
  dueOn: string;
}

export const FIRST_REVIEW_DAYS = 42;
export const REVIEW_INTERVAL_MONTHS = 3;
/** A point closer than this to the end is left to the end review. */
export const MIN_DAYS_BEFORE_END = 14;
/** How long the end review stays open after the care ends. */
export const END_REVIEW_OPEN_DAYS = 56;

export interface CarePeriod {
  /** First day of care. */
  startOn: string;
  /** Last day of care (planned or actual); null while open-ended (council-arranged care with no end yet). */
  endOn: string | null;
}

function requireDate(value: string, name: string): void {
  if (parseIsoDate(value) === null) throw new RangeError(`${name} is not a date: ${value}`);
}

/** The date `months` calendar months after `isoDate`, clamped to the last day of a shorter month (31 Jan + 1 = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  requireDate(isoDate, 'date');
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * Every review point of a care period, in date order. For open-ended care, the points up to and including
 * `until` (there is no end point yet).
 */
export function reviewSchedule(period: CarePeriod, until?: string): ReviewPoint[] {
  requireDate(period.startOn, 'startOn');
  if (period.endOn !== null) {
    requireDate(period.endOn, 'endOn');
    if (period.endOn < period.startOn) throw new RangeError('care cannot end before it starts');
  } else if (until === undefined) {
    throw new RangeError('open-ended care needs an `until` date');
  }
  const lastRegular = period.endOn !== null ? addDays(period.endOn, -MIN_DAYS_BEFORE_END) : until!;
  const inRange = (dueOn: string) => dueOn <= lastRegular;

  const points: ReviewPoint[] = [];
  const sixWeeks = addDays(period.startOn, FIRST_REVIEW_DAYS);
  if (inRange(sixWeeks)) points.push({ key: 'week_6', kind: 'six_weeks', dueOn: sixWeeks });
  for (let months = REVIEW_INTERVAL_MONTHS; ; months += REVIEW_INTERVAL_MONTHS) {
    const dueOn = addMonths(period.startOn, months);
    if (!inRange(dueOn)) break;
    points.push({ key: `month_${months}`, kind: 'three_monthly', dueOn });
  }
  if (period.endOn !== null) points.push({ key: 'end', kind: 'end', dueOn: period.endOn });
  return until === undefined ? points : points.filter((p) => p.dueOn <= until);
}

/**
 * The review point open for answers on `today`, or null: the latest point already due, unless the next
 * point is due too (then that one) or it is the end review and more than END_REVIEW_OPEN_DAYS have passed.
 */
export function openReviewPoint(period: CarePeriod, today: string): ReviewPoint | null {
  requireDate(today, 'today');
  if (today < period.startOn) return null;
  const due = reviewSchedule(period, period.endOn === null ? today : undefined).filter((p) => p.dueOn <= today);
  const latest = due.at(-1);
  if (!latest) return null;
  if (latest.kind === 'end' && today > addDays(latest.dueOn, END_REVIEW_OPEN_DAYS)) return null;
  return latest;
}

/** Whether `key` is a point of this period's schedule (so an answer for it may be recorded), as of `today`. */
export function findReviewPoint(period: CarePeriod, key: string, today: string): ReviewPoint | null {
  const points = reviewSchedule(period, period.endOn === null ? today : undefined);
  return points.find((p) => p.key === key && p.dueOn <= today) ?? null;
}

export const REVIEW_POINT_KIND_LABELS: Record<ReviewPointKind, string> = {
  six_weeks: 'six weeks after care started',
  three_monthly: 'three-monthly review',
  end: 'when care ended',
};

/** "6 weeks", "3 months", "12 months", "end of care": for headings and notifications. */
export function reviewPointLabel(key: string): string {
  if (key === 'week_6') return '6-week review';
  if (key === 'end') return 'end-of-care review';
  const months = /^month_(\d+)$/.exec(key)?.[1];
  return months ? `${months}-month review` : key;
}

/**
 * The care period of a booking: it starts on the agreed start date (the quote's, else the requested one)
 * and ends on the day it was completed or cancelled, else after its planned number of weeks.
 */
export function bookingCarePeriod(booking: {
  startDate: string;
  quoteStartDate: string | null;
  durationWeeks: number;
  endedOn: string | null;
}): CarePeriod {
  const startOn = booking.quoteStartDate ?? booking.startDate;
  const plannedEnd = addDays(startOn, booking.durationWeeks * 7 - 1);
  const endOn = booking.endedOn !== null && booking.endedOn < plannedEnd ? booking.endedOn : plannedEnd;
  return { startOn, endOn: endOn < startOn ? startOn : endOn };
}
