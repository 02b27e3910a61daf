import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlyRated, recognitionIneligibility, type RecognitionCandidate } from './recognition.ts';

const candidate = (overrides: Partial<RecognitionCandidate> & { serviceId: string }): RecognitionCandidate => ({
  rankingScore: 4.5,
  reviewsLast12Months: 10,
  cqcOverall: 'good',
  upheldSafeguardingConcern: false,
  ...overrides,
});

describe('highly rated recognition', () => {
  it('needs 5 recent reviews, an acceptable CQC rating and no upheld safeguarding concern', () => {
    expect(recognitionIneligibility(candidate({ serviceId: 'a', reviewsLast12Months: 4 }))).toBe(
      'too_few_recent_reviews',
    );
    expect(recognitionIneligibility(candidate({ serviceId: 'a', cqcOverall: 'requires_improvement' }))).toBe(
      'cqc_rating',
    );
    expect(recognitionIneligibility(candidate({ serviceId: 'a', cqcOverall: 'inadequate' }))).toBe('cqc_rating');
    expect(recognitionIneligibility(candidate({ serviceId: 'a', upheldSafeguardingConcern: true }))).toBe(
      'safeguarding_concern',
    );
    expect(recognitionIneligibility(candidate({ serviceId: 'a', cqcOverall: null }))).toBeNull();
    expect(recognitionIneligibility(candidate({ serviceId: 'a', cqcOverall: 'not_yet_rated' }))).toBeNull();
  });

  it('recognises the top quarter of eligible services scoring at least 4.0 (hand-worked)', () => {
    // Eligible scores 3.9, 4.1, 4.3, 4.6, 4.8: Q3 at position (5-1)*0.75 = 3 -> 4.6.
    // The ineligible 4.95 (3 recent reviews) does not raise the bar and is not recognised.
    const outcomes = highlyRated([
      candidate({ serviceId: 'a', rankingScore: 3.9 }),
      candidate({ serviceId: 'b', rankingScore: 4.1 }),
      candidate({ serviceId: 'c', rankingScore: 4.3 }),
      candidate({ serviceId: 'd', rankingScore: 4.6 }),
      candidate({ serviceId: 'e', rankingScore: 4.8 }),
      candidate({ serviceId: 'f', rankingScore: 4.95, reviewsLast12Months: 3 }),
    ]);
    expect(outcomes.filter((o) => o.highlyRated).map((o) => o.serviceId)).toEqual(['d', 'e']);
    expect(outcomes.find((o) => o.serviceId === 'a')).toEqual({
      serviceId: 'a',
      highlyRated: false,
      reason: 'score_below_minimum',
    });
    expect(outcomes.find((o) => o.serviceId === 'c')).toEqual({
      serviceId: 'c',
      highlyRated: false,
      reason: 'below_area_upper_quartile',
    });
    expect(outcomes.find((o) => o.serviceId === 'f')).toEqual({
      serviceId: 'f',
      highlyRated: false,
      reason: 'too_few_recent_reviews',
    });
  });

  it('never recognises an ineligible or sub-4.0 service, and always recognises the best eligible one at 4.0+ (property)', () => {
    const arbitraryCandidate = fc.record({
      serviceId: fc.uuid(),
      rankingScore: fc.double({ min: 1, max: 5, noNaN: true }),
      reviewsLast12Months: fc.integer({ min: 0, max: 30 }),
      cqcOverall: fc.constantFrom('outstanding', 'good', 'requires_improvement', 'inadequate', 'not_yet_rated', null),
      upheldSafeguardingConcern: fc.boolean(),
    }) as fc.Arbitrary<RecognitionCandidate>;
    fc.assert(
      fc.property(fc.array(arbitraryCandidate, { maxLength: 25 }), (candidates) => {
        const outcomes = highlyRated(candidates);
        expect(outcomes).toHaveLength(candidates.length);
        outcomes.forEach((outcome, i) => {
          const c = candidates[i]!;
          if (outcome.highlyRated) {
            expect(recognitionIneligibility(c)).toBeNull();
            expect(c.rankingScore).toBeGreaterThanOrEqual(4);
          }
        });
        const eligible = candidates.filter((c) => recognitionIneligibility(c) === null);
        const best = eligible.reduce<RecognitionCandidate | null>(
          (top, c) => (!top || c.rankingScore > top.rankingScore ? c : top),
          null,
        );
        if (best && best.rankingScore >= 4) expect(outcomes[candidates.indexOf(best)]!.highlyRated).toBe(true);
        // Monotone: among eligible services, anyone scoring at least a recognised one is recognised too.
        const lowestRecognised = Math.min(
          ...outcomes.filter((o) => o.highlyRated).map((o) => candidates[outcomes.indexOf(o)]!.rankingScore),
        );
        eligible.forEach((c) => {
          if (c.rankingScore >= lowestRecognised) expect(outcomes[candidates.indexOf(c)]!.highlyRated).toBe(true);
        });
      }),
    );
  });
});
