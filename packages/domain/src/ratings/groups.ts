// Ratings are compared within a group: services of the same main care type in the same county. The group
// gives the Bayesian prior and the median price for value for money, so one function computes the
// aggregates of a whole group at once; the API (on every publish) and the seed both call it.
import type { CareType, PriceUnit } from '../taxonomy.ts';
import { headlinePrice } from '../money.ts';
import { areaPrior, median, valueScore } from './maths.ts';
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

/** The median headline price of each unit across a group: what value for money compares a price with. */
function medianPrices(headlines: Iterable<ReturnType<typeof headlinePrice>>): Map<PriceUnit, number | null> {
  const all = [...headlines];
  const medians = new Map<PriceUnit, number | null>();
  for (const unit of ['hour', 'week', 'night', 'visit'] as const) {
    medians.set(unit, median(all.filter((p) => p?.unit === unit).map((p) => p!.amountPence)));
  }
  return medians;
}

/**
 * What a group contributes to each member's figures: the Bayesian prior (from all its published reviews) and
 * the median headline price of each unit. Stored with the group, so one service can be recomputed on its own.
 */
export interface RatingGroupFigures {
  priorMean: number;
  medianPrices: Partial<Record<PriceUnit, number | null>>;
}

export function ratingGroupFigures(group: readonly GroupService[]): RatingGroupFigures {
  const medians = medianPrices(group.map((s) => headlinePrice(s.prices)));
  return {
    priorMean: areaPrior(group.flatMap((s) => s.reviews.map((r) => r.overall))),
    medianPrices: Object.fromEntries(medians),
  };
}

/** One member's aggregate from its own reviews and the group's figures: what aggregateRatingGroup gives it. */
export function aggregateGroupMember(service: GroupService, figures: RatingGroupFigures, asOf: Date): RatingAggregate {
  const price = headlinePrice(service.prices);
  return aggregateRatings({
    reviews: service.reviews,
    priorMean: figures.priorMean,
    pricePence: price?.amountPence ?? null,
    medianPricePence: price ? (figures.medianPrices[price.unit] ?? null) : null,
    asOf,
  });
}

export function aggregateRatingGroup(group: readonly GroupService[], asOf: Date): Map<string, RatingAggregate> {
  const figures = ratingGroupFigures(group);
  return new Map(group.map((service) => [service.id, aggregateGroupMember(service, figures, asOf)]));
}

export interface ValuedService {
  id: string;
  prices: GroupService['prices'];
  /** The stored aggregate; null for a service the aggregator has not computed (it has no value score). */
  rating: { rankingScore: number; reviewCount: number } | null;
}

/**
 * The value scores of a whole group from the stored ranking scores: a price change moves the group's median
 * price and so every value score, but no ranking, so nothing else needs recomputing (and no review is read).
 * Gives what aggregateRatingGroup would, because the stored ranking is already rounded the same way.
 */
export function groupValueScores(group: readonly ValuedService[]): Map<string, number | null> {
  const headline = new Map(group.map((s) => [s.id, headlinePrice(s.prices)]));
  const medians = medianPrices(headline.values());
  const result = new Map<string, number | null>();
  for (const service of group) {
    if (!service.rating) continue;
    const price = headline.get(service.id) ?? null;
    result.set(
      service.id,
      service.rating.reviewCount === 0
        ? null
        : valueScore(
            service.rating.rankingScore,
            price?.amountPence ?? null,
            price ? (medians.get(price.unit) ?? null) : null,
          ),
    );
  }
  return result;
}
