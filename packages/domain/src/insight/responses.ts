// How providers answer their unhappy reviewers: the share of 1–2 star reviews that got a public reply,
// and the median time to reply. Low reviews are those with overall <= NEGATIVE_REVIEW_MAX_OVERALL (2),
// the same cut the rating maths uses. Time to respond runs from when the review was published (it could
// not be answered before) to when the reply was posted; a reply before publication counts as 0 hours.
// The SQL aggregates compute the same figures with count(*) FILTER and percentile_cont(0.5).

import { NEGATIVE_REVIEW_MAX_OVERALL } from '../ratings/maths.ts';
import { medianOf } from './stats.ts';

export interface ReviewForResponse {
  overall: number;
  publishedAt: Date;
  respondedAt: Date | null;
}

export interface ResponseRate {
  /** Published reviews of 1 or 2 stars. */
  lowReviews: number;
  /** Of those, how many have a reply. */
  responded: number;
  /** responded / lowReviews (0..1), or null when there were no low reviews. */
  rate: number | null;
  /** Median hours from publication to reply over the replied low reviews, or null when none were replied to. */
  medianHoursToRespond: number | null;
}

const HOUR_MS = 3_600_000;

export function isLowReview(overall: number): boolean {
  return overall <= NEGATIVE_REVIEW_MAX_OVERALL;
}

export function hoursToRespond(review: Pick<ReviewForResponse, 'publishedAt' | 'respondedAt'>): number | null {
  if (!review.respondedAt) return null;
  return Math.max(0, (review.respondedAt.getTime() - review.publishedAt.getTime()) / HOUR_MS);
}

export function lowReviewResponseRate(reviews: readonly ReviewForResponse[]): ResponseRate {
  const low = reviews.filter((review) => isLowReview(review.overall));
  const hours = low.map(hoursToRespond).filter((h): h is number => h !== null);
  return {
    lowReviews: low.length,
    responded: hours.length,
    rate: low.length === 0 ? null : hours.length / low.length,
    medianHoursToRespond: medianOf(hours),
  };
}
