// Ratings are compared within a group: services of the same main care type in the same county. The group
// gives the Bayesian prior and the median price for value for money, so one function computes the
// aggregates of a whole group at once; the API (on every publish) and the seed both call it.
import type { CareType } from '../taxonomy.ts';
import { headlinePrice } from '../money.ts';
import { areaPrior, median } from './maths.ts';
import { aggregateRatings, type AggregatedReview, type RatingAggregate } from './summary.ts';

export interface GroupService {
  id: string;
  prices: { hour: number | null; visit: number | null; night: number | null; week: number | null };
  /** Published reviews only. */
  reviews: readonly AggregatedReview[];
}

export function ratingGroupKey(careTypes: readonly CareType[], county: string): string {
  return `${careTypes[0] ?? 'none'}|${county}`;
}

export function aggregateRatingGroup(group: readonly GroupService[], asOf: Date): Map<string, RatingAggregate> {
  const priorMean = areaPrior(group.flatMap((s) => s.reviews.map((r) => r.overall)));
  const headline = new Map(group.map((s) => [s.id, headlinePrice(s.prices)]));
  const medians = new Map<string, number | null>();
  for (const unit of ['hour', 'week', 'night', 'visit'] as const) {
    const prices = [...headline.values()].filter((p) => p?.unit === unit).map((p) => p!.amountPence);
    medians.set(unit, median(prices));
  }
  const result = new Map<string, RatingAggregate>();
  for (const service of group) {
    const price = headline.get(service.id) ?? null;
    result.set(
      service.id,
      aggregateRatings({
        reviews: service.reviews,
        priorMean,
        pricePence: price?.amountPence ?? null,
        medianPricePence: price ? (medians.get(price.unit) ?? null) : null,
        asOf,
      }),
    );
  }
  return result;
}
