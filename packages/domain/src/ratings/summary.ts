// The per-service rating aggregate (service_ratings), computed from the published reviews in one pass.
// The API stores it when a review is published, rejected or withdrawn; `ratings:rebuild` recomputes it
// from scratch with the same function and compares.
import {
  ALL_REVIEW_CATEGORIES,
  NEGATIVE_REVIEW_MAX_OVERALL,
  SCORE_WINDOW_MONTHS,
  ageInMonths,
  plainMean,
  rankingScore,
  round2,
  scoreOutOfTen,
  valueScore,
  type RatedReview,
  type ReviewCategory,
  type ScoreOutOfTen,
} from './maths.ts';

export interface AggregatedReview extends RatedReview {
  /** The provider has replied publicly. */
  answered: boolean;
  /** The provider's reply says a change was planned or made because of the review. */
  changeReported: boolean;
}

export interface RatingDetails {
  /** Number of reviews with 1..5 stars overall (index 0 = 1 star). */
  distribution: [number, number, number, number, number];
  categoryMeans: Partial<Record<ReviewCategory, { mean: number; count: number }>>;
  verifiedCount: number;
  scoreOutOfTen: ScoreOutOfTen | null;
  /** One entry per calendar month (UTC) for the last 24 months, oldest first. */
  trend: { month: string; count: number; mean: number | null }[];
  negativeCount: number;
  negativeAnswered: number;
  changeReported: number;
  priorMean: number;
}

export interface RatingAggregate {
  reviewCount: number;
  meanOverall: number | null;
  rankingScore: number;
  valueScore: number | null;
  lastReviewAt: Date | null;
  details: RatingDetails;
}

export interface AggregateInput {
  reviews: readonly AggregatedReview[];
  priorMean: number;
  pricePence: number | null;
  medianPricePence: number | null;
  asOf: Date;
}

function monthKey(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function trendMonths(asOf: Date): string[] {
  const months: string[] = [];
  for (let i = SCORE_WINDOW_MONTHS - 1; i >= 0; i--) {
    months.push(monthKey(new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - i, 1))));
  }
  return months;
}

export function aggregateRatings({
  reviews,
  priorMean,
  pricePence,
  medianPricePence,
  asOf,
}: AggregateInput): RatingAggregate {
  const distribution: RatingDetails['distribution'] = [0, 0, 0, 0, 0];
  for (const r of reviews) distribution[Math.min(5, Math.max(1, Math.round(r.overall))) - 1]! += 1;

  const categoryMeans: RatingDetails['categoryMeans'] = {};
  for (const category of ALL_REVIEW_CATEGORIES) {
    const answered = reviews.map((r) => r.categories[category]).filter((v): v is number => typeof v === 'number');
    if (answered.length > 0) categoryMeans[category] = { mean: round2(plainMean(answered)!), count: answered.length };
  }

  const byMonth = new Map<string, number[]>();
  for (const r of reviews) {
    if (ageInMonths(r.writtenAt, asOf) >= SCORE_WINDOW_MONTHS + 1) continue;
    const key = monthKey(r.writtenAt);
    byMonth.set(key, [...(byMonth.get(key) ?? []), r.overall]);
  }
  const trend = trendMonths(asOf).map((month) => {
    const values = byMonth.get(month) ?? [];
    const mean = plainMean(values);
    return { month, count: values.length, mean: mean === null ? null : round2(mean) };
  });

  const negative = reviews.filter((r) => r.overall <= NEGATIVE_REVIEW_MAX_OVERALL);
  const ranking = round2(rankingScore(reviews, priorMean, asOf));
  const mean = plainMean(reviews.map((r) => r.overall));
  const lastReviewAt = reviews.reduce<Date | null>(
    (latest, r) => (latest === null || r.writtenAt > latest ? r.writtenAt : latest),
    null,
  );
  return {
    reviewCount: reviews.length,
    meanOverall: mean === null ? null : round2(mean),
    rankingScore: ranking,
    valueScore: reviews.length === 0 ? null : valueScore(ranking, pricePence, medianPricePence),
    lastReviewAt,
    details: {
      distribution,
      categoryMeans,
      verifiedCount: reviews.filter((r) => r.verified).length,
      scoreOutOfTen: scoreOutOfTen(reviews, asOf),
      trend,
      negativeCount: negative.length,
      negativeAnswered: negative.filter((r) => r.answered).length,
      changeReported: negative.filter((r) => r.changeReported).length,
      priorMean: round2(priorMean),
    },
  };
}

/** The words under "How is this calculated?" for a service's score out of 10. */
export function scoreExplanation(score: ScoreOutOfTen | null): string {
  if (!score) return 'No reviews in the last 24 months, so there is no score out of 10 yet.';
  return (
    `${score.score} out of 10 from ${score.reviewsInWindow} review${score.reviewsInWindow === 1 ? '' : 's'} in the last ` +
    `24 months: ${score.categoryComponent} of up to 8 points come from the average of the overall and category ` +
    `scores, and ${score.positiveComponent} of up to 2 points from the number of positive reviews ` +
    `(${score.positiveInWindow} rated 4 or 5, against a target of 20).`
  );
}
