// The rating maths of Care Assist, in one place. Every number shown to residents or used by search comes
// from these pure functions, so a page, the search ranking and `npm run ratings:rebuild` always agree.
//
// Constants (the closing note of issue #6 explains them):
// - SCORE_WINDOW_MONTHS = 24: the score out of 10 and the ranking only look at the last 24 months.
// - Score out of 10 = category component (0..8) + positive-reviews component (0..2), like carehome.co.uk:
//   category component = 8 x (average of each review's mean score - 1) / 4, positive component =
//   2 x min(1, positive reviews / POSITIVE_REVIEW_TARGET), where a positive review has overall >= 4 and
//   the target is 20 positive reviews in 24 months.
// - Ranking = Bayesian average (BAYESIAN_PRIOR_WEIGHT = 5 pseudo-reviews at the prior), with each review
//   weighted by recency: 1 up to 12 months old, falling linearly to 0 at 24 months.
// - Prior = mean overall rating of every published review for that care type in that county, itself shrunk
//   towards PRIOR_ANCHOR_MEAN = 3.5 with PRIOR_ANCHOR_WEIGHT = 10 reviews, so a thin area cannot make a
//   prior of 5.
// - Value for money = ranking score x (median price / this price), the price ratio clamped to 0.5..2, so
//   it runs 0.5..10; a service at the area median with a ranking of 4.2 has value 4.2.

import type { CareType } from '../taxonomy.ts';

export const SCORE_WINDOW_MONTHS = 24;
export const FULL_WEIGHT_MONTHS = 12;
export const BAYESIAN_PRIOR_WEIGHT = 5;
export const PRIOR_ANCHOR_MEAN = 3.5;
export const PRIOR_ANCHOR_WEIGHT = 10;
export const POSITIVE_REVIEW_TARGET = 20;
export const POSITIVE_REVIEW_MIN_OVERALL = 4;
export const NEGATIVE_REVIEW_MAX_OVERALL = 2;
export const CATEGORY_COMPONENT_MAX = 8;
export const POSITIVE_COMPONENT_MAX = 2;
export const VALUE_PRICE_RATIO_LIMITS = { min: 0.5, max: 2 } as const;

export const REVIEW_CATEGORIES = [
  'quality_of_care',
  'dignity_respect',
  'staff',
  'reliability',
  'communication',
  'value_for_money',
] as const;
export const CARE_HOME_CATEGORIES = ['cleanliness', 'food', 'activities', 'management'] as const;
export type ReviewCategory = (typeof REVIEW_CATEGORIES)[number] | (typeof CARE_HOME_CATEGORIES)[number];
export const ALL_REVIEW_CATEGORIES: readonly ReviewCategory[] = [...REVIEW_CATEGORIES, ...CARE_HOME_CATEGORIES];

export const REVIEW_CATEGORY_LABELS: Record<ReviewCategory, string> = {
  quality_of_care: 'Quality of care',
  dignity_respect: 'Dignity and respect',
  staff: 'Staff',
  reliability: 'Reliability and punctuality',
  communication: 'Communication',
  value_for_money: 'Value for money',
  cleanliness: 'Cleanliness',
  food: 'Food',
  activities: 'Activities',
  management: 'Management',
};

/** Care types that live in a building and so are also rated on cleanliness, food, activities and management. */
const RESIDENTIAL_CARE_TYPES: readonly CareType[] = ['care_home', 'nursing_home'];

export function categoriesFor(careTypes: readonly CareType[]): readonly ReviewCategory[] {
  return careTypes.some((t) => RESIDENTIAL_CARE_TYPES.includes(t)) ? ALL_REVIEW_CATEGORIES : REVIEW_CATEGORIES;
}

export type CategoryScores = Partial<Record<ReviewCategory, number | null>>;

/** What the maths needs to know about one published review. */
export interface RatedReview {
  overall: number;
  categories: CategoryScores;
  /** When the review was written; recency is measured from here. */
  writtenAt: Date;
  verified: boolean;
  /**
   * How much an unverified review counts in the ranking (1 when absent): less for an account created minutes
   * before writing, or one sharing its network or device with other reviewers (see review-fraud.ts).
   */
  trustWeight?: number;
}

const MONTH_MS = (365.25 / 12) * 24 * 60 * 60 * 1000;

export function ageInMonths(writtenAt: Date, asOf: Date): number {
  return Math.max(0, (asOf.getTime() - writtenAt.getTime()) / MONTH_MS);
}

/** Recency weight: 1 for the first 12 months, then linearly down to 0 at 24 months, 0 after. */
export function recencyWeight(writtenAt: Date, asOf: Date): number {
  const age = ageInMonths(writtenAt, asOf);
  if (age <= FULL_WEIGHT_MONTHS) return 1;
  if (age >= SCORE_WINDOW_MONTHS) return 0;
  return (SCORE_WINDOW_MONTHS - age) / (SCORE_WINDOW_MONTHS - FULL_WEIGHT_MONTHS);
}

export function plainMean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** A review's own average: its overall score and every category it answered (don't know is left out). */
export function reviewAverage(review: Pick<RatedReview, 'overall' | 'categories'>): number {
  const answered = Object.values(review.categories).filter((v): v is number => typeof v === 'number');
  return plainMean([review.overall, ...answered])!;
}

export interface ScoreOutOfTen {
  score: number;
  categoryComponent: number;
  positiveComponent: number;
  reviewsInWindow: number;
  positiveInWindow: number;
}

/** The score out of 10 over the last 24 months; null when no review is that recent. */
export function scoreOutOfTen(reviews: readonly RatedReview[], asOf: Date): ScoreOutOfTen | null {
  const recent = reviews.filter((r) => ageInMonths(r.writtenAt, asOf) < SCORE_WINDOW_MONTHS);
  if (recent.length === 0) return null;
  const meanOfAverages = plainMean(recent.map(reviewAverage))!;
  const categoryComponent = (CATEGORY_COMPONENT_MAX * (meanOfAverages - 1)) / 4;
  const positiveInWindow = recent.filter((r) => r.overall >= POSITIVE_REVIEW_MIN_OVERALL).length;
  const positiveComponent = POSITIVE_COMPONENT_MAX * Math.min(1, positiveInWindow / POSITIVE_REVIEW_TARGET);
  return {
    score: round1(categoryComponent + positiveComponent),
    categoryComponent: round2(categoryComponent),
    positiveComponent: round2(positiveComponent),
    reviewsInWindow: recent.length,
    positiveInWindow,
  };
}

/** Plain Bayesian average: pulls services with few reviews towards the prior mean. */
export function bayesianScore(
  mean: number,
  count: number,
  priorMean: number,
  priorWeight = BAYESIAN_PRIOR_WEIGHT,
): number {
  if (count <= 0) return priorMean;
  return (priorMean * priorWeight + mean * count) / (priorWeight + count);
}

/**
 * The search ranking score: a Bayesian average in which each review counts by its recency weight, times its
 * trust weight while it is unverified.
 */
export function rankingScore(reviews: readonly RatedReview[], priorMean: number, asOf: Date): number {
  let weightedSum = 0;
  let weights = 0;
  for (const review of reviews) {
    const trust = review.verified ? 1 : (review.trustWeight ?? 1);
    const w = recencyWeight(review.writtenAt, asOf) * trust;
    weightedSum += w * review.overall;
    weights += w;
  }
  if (weights === 0) return priorMean;
  return bayesianScore(weightedSum / weights, weights, priorMean);
}

/** The prior for a care type in an area, from the overall ratings of every published review there. */
export function areaPrior(overallRatings: readonly number[]): number {
  const sum = overallRatings.reduce((a, b) => a + b, 0);
  return (PRIOR_ANCHOR_MEAN * PRIOR_ANCHOR_WEIGHT + sum) / (PRIOR_ANCHOR_WEIGHT + overallRatings.length);
}

/** Value for money: the ranking score scaled by how this price compares with the area median (same unit). */
export function valueScore(ranking: number, pricePence: number | null, medianPricePence: number | null): number | null {
  if (pricePence === null || medianPricePence === null || pricePence <= 0 || medianPricePence <= 0) return null;
  const ratio = Math.min(
    VALUE_PRICE_RATIO_LIMITS.max,
    Math.max(VALUE_PRICE_RATIO_LIMITS.min, medianPricePence / pricePence),
  );
  return round2(ranking * ratio);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
