import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hoursToRespond, lowReviewResponseRate, type ReviewForResponse } from './responses.ts';

const at = (iso: string) => new Date(iso);

describe('response rate to 1–2 star reviews', () => {
  it('counts only 1 and 2 star reviews and takes the median hours to reply', () => {
    const reviews: ReviewForResponse[] = [
      { overall: 1, publishedAt: at('2026-01-01T00:00:00Z'), respondedAt: at('2026-01-01T10:00:00Z') }, // 10 h
      { overall: 2, publishedAt: at('2026-01-02T00:00:00Z'), respondedAt: at('2026-01-03T06:00:00Z') }, // 30 h
      { overall: 2, publishedAt: at('2026-01-03T00:00:00Z'), respondedAt: null },
      { overall: 1, publishedAt: at('2026-01-04T00:00:00Z'), respondedAt: null },
      { overall: 5, publishedAt: at('2026-01-05T00:00:00Z'), respondedAt: at('2026-01-05T01:00:00Z') }, // ignored
      { overall: 3, publishedAt: at('2026-01-05T00:00:00Z'), respondedAt: null }, // ignored
    ];
    expect(lowReviewResponseRate(reviews)).toEqual({
      lowReviews: 4,
      responded: 2,
      rate: 0.5,
      medianHoursToRespond: 20,
    });
  });

  it('has no rate without low reviews and no median without replies', () => {
    expect(lowReviewResponseRate([])).toEqual({ lowReviews: 0, responded: 0, rate: null, medianHoursToRespond: null });
    expect(lowReviewResponseRate([{ overall: 1, publishedAt: at('2026-01-01T00:00:00Z'), respondedAt: null }])).toEqual(
      {
        lowReviews: 1,
        responded: 0,
        rate: 0,
        medianHoursToRespond: null,
      },
    );
  });

  it('counts a reply stamped before publication as 0 hours', () => {
    expect(hoursToRespond({ publishedAt: at('2026-01-02T00:00:00Z'), respondedAt: at('2026-01-01T00:00:00Z') })).toBe(
      0,
    );
  });

  it('keeps the rate between 0 and 1 and responded <= low reviews (property)', () => {
    const review = fc.record({
      overall: fc.integer({ min: 1, max: 5 }),
      publishedAt: fc.date({ min: at('2024-01-01T00:00:00Z'), max: at('2026-01-01T00:00:00Z'), noInvalidDate: true }),
      replyAfterHours: fc.option(fc.integer({ min: 0, max: 2000 })),
    });
    fc.assert(
      fc.property(fc.array(review, { maxLength: 40 }), (rows) => {
        const reviews = rows.map((r) => ({
          overall: r.overall,
          publishedAt: r.publishedAt,
          respondedAt:
            r.replyAfterHours === null ? null : new Date(r.publishedAt.getTime() + r.replyAfterHours * 3_600_000),
        }));
        const result = lowReviewResponseRate(reviews);
        expect(result.lowReviews).toBe(rows.filter((r) => r.overall <= 2).length);
        expect(result.responded).toBeLessThanOrEqual(result.lowReviews);
        if (result.rate !== null) {
          expect(result.rate).toBeGreaterThanOrEqual(0);
          expect(result.rate).toBeLessThanOrEqual(1);
        }
        if (result.medianHoursToRespond !== null) expect(result.medianHoursToRespond).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
