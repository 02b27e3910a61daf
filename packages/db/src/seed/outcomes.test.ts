// The demo outcomes are a pure function of the seed (and, for the demo resident's booking, of "now"),
// cover every booking stage, and always leave the demo resident with an outcomes questionnaire due.
import { describe, expect, it } from 'vitest';
import { BOOKING_STATUSES, bookingCarePeriod, openReviewPoint } from '@care-assist/domain';
import { DEFAULT_SEED, generateDemoData } from './generate.ts';
import { generateDemoOutcomes } from './outcomes.ts';
import { generateDemoReviews } from './reviews.ts';

const data = generateDemoData(DEFAULT_SEED);
const { reviewers } = generateDemoReviews(data, DEFAULT_SEED);
const resident = data.users.find((u) => u.email === 'resident@demo.care-assist.test')!;
const make = (now: Date, seed = DEFAULT_SEED) => generateDemoOutcomes(data, reviewers, seed, now);

describe('demo outcomes', () => {
  const demo = make(new Date('2026-11-30T12:00:00Z'));

  it('is deterministic for a seed and a day', () => {
    expect(make(new Date('2026-11-30T12:00:00Z'))).toEqual(demo);
    expect(make(new Date('2026-11-30T12:00:00Z'), 7).bookings).not.toEqual(demo.bookings);
  });

  it('has bookings at every stage across many services', () => {
    const statuses = new Set(demo.bookings.map((b) => b.status));
    for (const status of BOOKING_STATUSES) expect(statuses).toContain(status);
    expect(new Set(demo.bookings.map((b) => b.serviceId)).size).toBeGreaterThan(60);
  });

  it('has answers from people and carers, for bookings and council-arranged care, some improving and some not', () => {
    expect(demo.reviews.filter((r) => r.respondent === 'person').length).toBeGreaterThan(100);
    expect(demo.reviews.filter((r) => r.respondent === 'carer').length).toBeGreaterThan(40);
    expect(demo.reviews.filter((r) => r.carePackageId).length).toBeGreaterThan(20);
    const bySubject = new Map<string, number[]>();
    for (const r of [...demo.reviews].sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1))) {
      if (r.respondent !== 'person') continue;
      const key = r.bookingId ?? r.carePackageId!;
      bySubject.set(key, [...(bySubject.get(key) ?? []), r.satisfaction]);
    }
    const series = [...bySubject.values()].filter((s) => s.length >= 3);
    expect(series.some((s) => s.at(-1)! > s[0]!)).toBe(true);
    expect(series.some((s) => s.at(-1)! < s[0]!)).toBe(true);
    // One answer per subject, point and respondent, as the unique indexes demand.
    const keys = demo.reviews.map((r) => `${r.bookingId ?? r.carePackageId}/${r.reviewPoint}/${r.respondent}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('records delivered hours on Mondays, a few admissions and council-arranged care', () => {
    expect(demo.hours.length).toBeGreaterThan(200);
    expect(demo.hours.every((h) => new Date(`${h.weekStarting}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(demo.admissions.length).toBeGreaterThanOrEqual(5);
    expect(demo.packages.length).toBeGreaterThan(20);
    expect(demo.packages.every((p) => /^ASC-\d{6}$/.test(p.personReference))).toBe(true);
  });

  it.each(['2026-11-30', '2027-06-15', '2030-01-02'])(
    'leaves the demo resident with a questionnaire due when started on %s, and a carer to ask',
    (day) => {
      const outcomes = make(new Date(`${day}T08:00:00Z`));
      const mine = outcomes.bookings.filter((b) => b.requesterId === resident.id && b.status === 'active');
      expect(mine).toHaveLength(1);
      const booking = mine[0]!;
      const period = bookingCarePeriod({
        startDate: booking.startDate,
        quoteStartDate: booking.quoteStartDate ?? null,
        durationWeeks: booking.durationWeeks,
        endedOn: null,
      });
      expect(openReviewPoint(period, day)?.key).toBe('week_6');
      expect(outcomes.reviews.filter((r) => r.bookingId === booking.id)).toEqual([]);
      expect(outcomes.carers.find((c) => c.bookingId === booking.id)).toBeDefined();
    },
  );
});
