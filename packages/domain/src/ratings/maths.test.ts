import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BAYESIAN_PRIOR_WEIGHT,
  areaPrior,
  rankingScore,
  recencyWeight,
  scoreOutOfTen,
  valueScore,
  type RatedReview,
} from './maths.ts';
import { aggregateRatings, scoreExplanation } from './summary.ts';
import { ratingText, starsFor } from './display.ts';

const AS_OF = new Date('2026-11-01T00:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(AS_OF.getTime() - days * DAY);

const review = (overall: number, ageDays = 10, categories: RatedReview['categories'] = {}): RatedReview => ({
  overall,
  categories,
  writtenAt: daysAgo(ageDays),
  verified: false,
});

const score = fc.integer({ min: 1, max: 5 });
const arbReview = fc.record({
  overall: score,
  categories: fc.record(
    { quality_of_care: fc.option(score), staff: fc.option(score), food: fc.option(score) },
    { requiredKeys: [] },
  ),
  writtenAt: fc.integer({ min: 0, max: 40 * 30 }).map(daysAgo),
  verified: fc.boolean(),
});
const arbReviews = fc.array(arbReview, { maxLength: 60 });
const prior = fc.double({ min: 1, max: 5, noNaN: true });
const fiveStars = (ageDays = 0): RatedReview => ({
  overall: 5,
  categories: { quality_of_care: 5, staff: 5 },
  writtenAt: daysAgo(ageDays),
  verified: false,
});

describe('score out of 10', () => {
  it('stays within 0..10 and its parts within 0..8 and 0..2', () => {
    fc.assert(
      fc.property(arbReviews, (reviews) => {
        const s = scoreOutOfTen(reviews, AS_OF);
        if (s === null) return reviews.every((r) => AS_OF.getTime() - r.writtenAt.getTime() >= 700 * DAY);
        return s.score >= 0 && s.score <= 10 && s.categoryComponent <= 8 && s.positiveComponent <= 2;
      }),
    );
  });

  it('never goes down when a new 5-star review arrives', () => {
    fc.assert(
      fc.property(arbReviews, (reviews) => {
        const before = scoreOutOfTen(reviews, AS_OF)?.score ?? 0;
        const after = scoreOutOfTen([...reviews, fiveStars()], AS_OF)!.score;
        return after >= before;
      }),
    );
  });

  it('is 10 for twenty recent perfect reviews and ignores reviews older than 24 months', () => {
    expect(
      scoreOutOfTen(
        Array.from({ length: 20 }, () => fiveStars(30)),
        AS_OF,
      )?.score,
    ).toBe(10);
    expect(scoreOutOfTen([review(1, 800)], AS_OF)).toBeNull();
    const one = scoreOutOfTen([review(4, 30, { staff: 5 })], AS_OF)!;
    // review average 4.5 -> 8 x 3.5 / 4 = 7; one positive of 20 -> 0.1
    expect(one).toMatchObject({ categoryComponent: 7, positiveComponent: 0.1, score: 7.1 });
    expect(scoreExplanation(one)).toContain('7.1 out of 10 from 1 review');
  });
});

describe('ranking score', () => {
  it('stays between 1 and 5', () => {
    fc.assert(
      fc.property(arbReviews, prior, (reviews, p) => {
        const r = rankingScore(reviews, p, AS_OF);
        return r >= 1 - 1e-9 && r <= 5 + 1e-9;
      }),
    );
  });

  it('never goes down when a new 5-star review arrives', () => {
    fc.assert(
      fc.property(arbReviews, prior, (reviews, p) => {
        return rankingScore([...reviews, fiveStars()], p, AS_OF) >= rankingScore(reviews, p, AS_OF) - 1e-9;
      }),
    );
  });

  it('ranks one 5-star review below forty 4.8s for any prior up to 4.75', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 4.75, noNaN: true }), (p) => {
        const single = rankingScore([fiveStars()], p, AS_OF);
        const forty = Array.from({ length: 40 }, (_, i) => review(i < 32 ? 5 : 4, 20));
        // 32 fives and 8 fours: a mean of exactly 4.8
        return single < rankingScore(forty, p, AS_OF);
      }),
    );
  });

  it('lets old reviews fade: weight 1 up to 12 months, nothing from 24 months', () => {
    expect(recencyWeight(daysAgo(300), AS_OF)).toBe(1);
    expect(recencyWeight(daysAgo(548), AS_OF)).toBeCloseTo(0.5, 1);
    expect(recencyWeight(daysAgo(731), AS_OF)).toBe(0);
    fc.assert(
      fc.property(arbReview, fc.integer({ min: 0, max: 1000 }), (r, laterDays) => {
        const later = new Date(AS_OF.getTime() + laterDays * DAY);
        return recencyWeight(r.writtenAt, later) <= recencyWeight(r.writtenAt, AS_OF);
      }),
    );
    // A service whose only reviews are 3 years old ranks at the prior.
    expect(rankingScore([review(1, 1100), review(1, 1200)], 3.8, AS_OF)).toBe(3.8);
    // The same 1-star reviews drag less as they age.
    const fresh = rankingScore([review(1, 10)], 4, AS_OF);
    const older = rankingScore([review(1, 600)], 4, AS_OF);
    expect(older).toBeGreaterThan(fresh);
  });

  it('uses the documented prior weight', () => {
    expect(BAYESIAN_PRIOR_WEIGHT).toBe(5);
    expect(rankingScore([review(5)], 3, AS_OF)).toBeCloseTo((3 * 5 + 5) / 6);
  });
});

describe('area prior and value for money', () => {
  it('shrinks thin areas towards 3.5', () => {
    expect(areaPrior([])).toBe(3.5);
    expect(areaPrior([5])).toBeCloseTo((35 + 5) / 11);
    fc.assert(fc.property(fc.array(score), (xs) => areaPrior(xs) >= 1 && areaPrior(xs) <= 5));
  });

  it('rewards a good rating at a lower price, and is bounded', () => {
    expect(valueScore(4, 2000, 2000)).toBe(4);
    expect(valueScore(4, 1000, 2000)).toBe(8);
    expect(valueScore(4, 100, 2000)).toBe(8); // ratio capped at 2
    expect(valueScore(4, 8000, 2000)).toBe(2); // ratio floored at 0.5
    expect(valueScore(4, null, 2000)).toBeNull();
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        (r, p, m) => {
          const v = valueScore(r, p, m)!;
          return v >= 0.5 - 1e-9 && v <= 10 + 1e-9;
        },
      ),
    );
  });
});

describe('aggregate', () => {
  it('counts distribution, categories, verified, negative replies and a 24-month trend', () => {
    const agg = aggregateRatings({
      reviews: [
        { ...review(5, 5, { staff: 5, food: null }), verified: true, answered: false, changeReported: false },
        { ...review(1, 40, { staff: 2 }), answered: true, changeReported: true },
        { ...review(2, 70), answered: false, changeReported: false },
      ],
      priorMean: 3.5,
      pricePence: 2500,
      medianPricePence: 2500,
      asOf: AS_OF,
    });
    expect(agg.reviewCount).toBe(3);
    expect(agg.meanOverall).toBe(2.67);
    expect(agg.details.distribution).toEqual([1, 1, 0, 0, 1]);
    expect(agg.details.categoryMeans).toEqual({ staff: { mean: 3.5, count: 2 } });
    expect(agg.details.verifiedCount).toBe(1);
    expect(agg.details).toMatchObject({ negativeCount: 2, negativeAnswered: 1, changeReported: 1 });
    expect(agg.details.trend).toHaveLength(24);
    expect(agg.details.trend.at(-1)?.month).toBe('2026-11');
    expect(agg.details.trend.reduce((n, t) => n + t.count, 0)).toBe(3);
    expect(agg.valueScore).toBe(agg.rankingScore);
  });
});

describe('display', () => {
  it('says the rating in words', () => {
    expect(ratingText(4.63, 37)).toBe('4.6 out of 5 from 37 reviews');
    expect(ratingText(null, 0)).toBe('No reviews yet');
    expect(starsFor(4.3)).toEqual({ full: 4, half: true, empty: 0 });
  });
});
