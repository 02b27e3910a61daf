import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../budgets/periods.ts';
import {
  END_REVIEW_OPEN_DAYS,
  MIN_DAYS_BEFORE_END,
  addMonths,
  bookingCarePeriod,
  findReviewPoint,
  openReviewPoint,
  reviewPointLabel,
  reviewSchedule,
} from './schedule.ts';

describe('addMonths', () => {
  it('keeps the day of the month, clamping to shorter months', () => {
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});

describe('reviewSchedule', () => {
  it('a 12-week booking: the 6-week review, no 3-month point (it falls after the end), and the end', () => {
    expect(reviewSchedule({ startOn: '2026-09-07', endOn: '2026-11-29' })).toEqual([
      { key: 'week_6', kind: 'six_weeks', dueOn: '2026-10-19' },
      { key: 'end', kind: 'end', dueOn: '2026-11-29' },
    ]);
  });

  it('a year of care: 6 weeks, then every 3 months counted from the start, then the end', () => {
    const keys = reviewSchedule({ startOn: '2026-01-05', endOn: '2027-01-03' }).map((p) => `${p.key}@${p.dueOn}`);
    expect(keys).toEqual([
      'week_6@2026-02-16',
      'month_3@2026-04-05',
      'month_6@2026-07-05',
      'month_9@2026-10-05',
      'end@2027-01-03',
    ]);
  });

  it('drops a point that falls within 14 days of the end, keeps one exactly 14 days before', () => {
    const near = reviewSchedule({ startOn: '2026-01-01', endOn: addDays('2026-04-01', 13) });
    expect(near.map((p) => p.key)).toEqual(['week_6', 'end']);
    const atLimit = reviewSchedule({ startOn: '2026-01-01', endOn: addDays('2026-04-01', 14) });
    expect(atLimit.map((p) => p.key)).toEqual(['week_6', 'month_3', 'end']);
  });

  it('care shorter than six weeks has only the end review; same-day care too', () => {
    expect(reviewSchedule({ startOn: '2026-03-01', endOn: '2026-03-28' }).map((p) => p.key)).toEqual(['end']);
    expect(reviewSchedule({ startOn: '2026-03-01', endOn: '2026-03-01' })).toEqual([
      { key: 'end', kind: 'end', dueOn: '2026-03-01' },
    ]);
  });

  it('open-ended care: the points up to `until`, no end review', () => {
    const points = reviewSchedule({ startOn: '2026-01-10', endOn: null }, '2026-07-10');
    expect(points.map((p) => p.key)).toEqual(['week_6', 'month_3', 'month_6']);
    expect(() => reviewSchedule({ startOn: '2026-01-10', endOn: null })).toThrow(RangeError);
  });

  it('refuses impossible periods and non-dates', () => {
    expect(() => reviewSchedule({ startOn: '2026-05-01', endOn: '2026-04-30' })).toThrow(RangeError);
    expect(() => reviewSchedule({ startOn: '2026-02-30', endOn: '2026-04-30' })).toThrow(RangeError);
  });

  const isoDate = fc
    .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const period = fc
    .tuple(isoDate, fc.integer({ min: 0, max: 1500 }))
    .map(([startOn, days]) => ({ startOn, endOn: addDays(startOn, days) }));

  it('property: points are in date order, unique keys, inside the care, and the last is the end', () => {
    fc.assert(
      fc.property(period, (p) => {
        const points = reviewSchedule(p);
        expect(points.at(-1)).toEqual({ key: 'end', kind: 'end', dueOn: p.endOn });
        expect(new Set(points.map((x) => x.key)).size).toBe(points.length);
        for (let i = 1; i < points.length; i++) expect(points[i]!.dueOn > points[i - 1]!.dueOn).toBe(true);
        for (const point of points.slice(0, -1)) {
          expect(point.dueOn > p.startOn).toBe(true);
          expect(daysBetween(point.dueOn, p.endOn)).toBeGreaterThanOrEqual(MIN_DAYS_BEFORE_END);
        }
      }),
    );
  });

  it('property: regular points are never more than about 3 months apart (no gaps)', () => {
    fc.assert(
      fc.property(period, (p) => {
        const dates = [p.startOn, ...reviewSchedule(p).map((x) => x.dueOn)];
        for (let i = 1; i < dates.length; i++) {
          expect(daysBetween(dates[i - 1]!, dates[i]!)).toBeLessThanOrEqual(92 + MIN_DAYS_BEFORE_END);
        }
      }),
    );
  });
});

describe('openReviewPoint', () => {
  const period = { startOn: '2026-01-05', endOn: '2027-01-03' };

  it('nothing before the first point is due', () => {
    expect(openReviewPoint(period, '2026-02-15')).toBeNull();
    expect(openReviewPoint(period, '2025-12-01')).toBeNull();
  });

  it('the latest due point; an earlier missed one lapses when the next is due', () => {
    expect(openReviewPoint(period, '2026-02-16')?.key).toBe('week_6');
    expect(openReviewPoint(period, '2026-04-04')?.key).toBe('week_6');
    expect(openReviewPoint(period, '2026-04-05')?.key).toBe('month_3');
  });

  it('the end review stays open for 8 weeks, then nothing is open', () => {
    expect(openReviewPoint(period, '2027-01-03')?.key).toBe('end');
    expect(openReviewPoint(period, addDays('2027-01-03', END_REVIEW_OPEN_DAYS))?.key).toBe('end');
    expect(openReviewPoint(period, addDays('2027-01-03', END_REVIEW_OPEN_DAYS + 1))).toBeNull();
  });

  it('open-ended care keeps asking every 3 months', () => {
    expect(openReviewPoint({ startOn: '2026-01-10', endOn: null }, '2029-01-11')?.key).toBe('month_36');
  });
});

describe('findReviewPoint', () => {
  it('finds a point that has come due, not a future or unknown one', () => {
    const period = { startOn: '2026-01-05', endOn: '2027-01-03' };
    expect(findReviewPoint(period, 'week_6', '2026-05-01')?.dueOn).toBe('2026-02-16');
    expect(findReviewPoint(period, 'month_6', '2026-05-01')).toBeNull();
    expect(findReviewPoint(period, 'month_4', '2026-12-01')).toBeNull();
  });
});

describe('bookingCarePeriod', () => {
  it('starts on the quoted start date and ends after the planned weeks', () => {
    expect(
      bookingCarePeriod({ startDate: '2026-09-01', quoteStartDate: '2026-09-07', durationWeeks: 12, endedOn: null }),
    ).toEqual({ startOn: '2026-09-07', endOn: '2026-11-29' });
  });

  it('ends early when the booking was completed or cancelled early', () => {
    expect(
      bookingCarePeriod({ startDate: '2026-09-07', quoteStartDate: null, durationWeeks: 12, endedOn: '2026-10-01' }),
    ).toEqual({ startOn: '2026-09-07', endOn: '2026-10-01' });
  });
});

describe('reviewPointLabel', () => {
  it('reads as people say it', () => {
    expect(reviewPointLabel('week_6')).toBe('6-week review');
    expect(reviewPointLabel('month_9')).toBe('9-month review');
    expect(reviewPointLabel('end')).toBe('end-of-care review');
  });
});
