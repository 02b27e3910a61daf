// "Highly rated" recognition: per care type and county, once a year (and on demand for the current year).
// It comes only from what residents said and what regulators found; nothing anyone pays can change it.
//
// The rule (published on the help page /help/highly-rated, which the badge links to):
// A service is highly rated for a care type in a county for a year when ALL of these hold on the day it
// is worked out:
// 1. It has at least HIGHLY_RATED_MIN_RECENT_REVIEWS (5) published reviews from the last 12 months.
// 2. Its CQC overall rating is not Inadequate and not Requires improvement (services CQC does not rate,
//    or has not yet rated, can qualify).
// 3. It has no upheld safeguarding concern in the last 12 months.
// 4. Its ranking score (the recency-weighted Bayesian score residents see in search) is at least
//    HIGHLY_RATED_MIN_SCORE (4.0 out of 5), AND at least the upper quartile of the ranking scores of the
//    services that pass 1–3 for the same care type in the same county — so the badge stays a mark of the
//    best in the area, not of everyone.

import type { CqcRating } from '../taxonomy.ts';
import { quantile } from './stats.ts';

export const HIGHLY_RATED_MIN_RECENT_REVIEWS = 5;
export const HIGHLY_RATED_MIN_SCORE = 4;
export const HIGHLY_RATED_EXCLUDED_CQC: readonly CqcRating[] = ['inadequate', 'requires_improvement'];

export interface RecognitionCandidate {
  serviceId: string;
  rankingScore: number;
  reviewsLast12Months: number;
  cqcOverall: CqcRating | null;
  upheldSafeguardingConcern: boolean;
}

export type RecognitionOutcome =
  | { serviceId: string; highlyRated: true; areaUpperQuartile: number }
  | { serviceId: string; highlyRated: false; reason: RecognitionRefusal };

export type RecognitionRefusal =
  | 'too_few_recent_reviews'
  | 'cqc_rating'
  | 'safeguarding_concern'
  | 'score_below_minimum'
  | 'below_area_upper_quartile';

/** Why a single service cannot qualify whatever its peers score, or null when it is eligible. */
export function recognitionIneligibility(candidate: RecognitionCandidate): RecognitionRefusal | null {
  if (candidate.reviewsLast12Months < HIGHLY_RATED_MIN_RECENT_REVIEWS) return 'too_few_recent_reviews';
  if (candidate.cqcOverall && HIGHLY_RATED_EXCLUDED_CQC.includes(candidate.cqcOverall)) return 'cqc_rating';
  if (candidate.upheldSafeguardingConcern) return 'safeguarding_concern';
  return null;
}

/** Apply the rule to every service of one care type in one county. */
export function highlyRated(candidates: readonly RecognitionCandidate[]): RecognitionOutcome[] {
  const eligibleScores = candidates
    .filter((candidate) => recognitionIneligibility(candidate) === null)
    .map((candidate) => candidate.rankingScore);
  const upperQuartile = quantile(eligibleScores, 0.75);
  return candidates.map((candidate): RecognitionOutcome => {
    const ineligible = recognitionIneligibility(candidate);
    if (ineligible) return { serviceId: candidate.serviceId, highlyRated: false, reason: ineligible };
    if (candidate.rankingScore < HIGHLY_RATED_MIN_SCORE)
      return { serviceId: candidate.serviceId, highlyRated: false, reason: 'score_below_minimum' };
    if (candidate.rankingScore < upperQuartile!)
      return { serviceId: candidate.serviceId, highlyRated: false, reason: 'below_area_upper_quartile' };
    return { serviceId: candidate.serviceId, highlyRated: true, areaUpperQuartile: upperQuartile! };
  });
}
