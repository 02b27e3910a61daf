// The open data tables of ratings and price benchmarks, per service and per provider, with small numbers
// suppressed so that no figure from fewer than 5 people can be read or worked out by subtraction.
//
// How the suppression fits together (the rules themselves are insight's: SMALL_NUMBER_THRESHOLD, suppressGroup):
// - A provider's review count is the sum of its services' counts and is published, so each provider's services
//   are one group: primary suppression for fewer than 5 reviewers, and complementary suppression when that hides
//   exactly one service.
// - The providers add up to the whole directory's count, which people can work out elsewhere, so the providers
//   are one group too. When a provider is hidden, all its services are hidden with it: otherwise a one-service
//   provider's count could be read from its service row.
// - A hidden count takes its mean and score with it. Totals are the sum of shown cells only.
// - The score out of 10 uses only the last 24 months' reviews, so it has its own check on how many there were.
// Prices are not about people (they are what providers publish) and are never suppressed.
import {
  medianOf,
  suppressCell,
  suppressGroup,
  totalOfShown,
  type Published,
  type SuppressionReason,
} from '../insight/index.ts';
import type { CareType, CqcRating, PriceUnit, Sector } from '../taxonomy.ts';

export interface ServiceRatingInput {
  serviceId: string;
  serviceName: string;
  organisationId: string;
  organisationName: string;
  /** null when not known (organisations the CQC import made, until they say). */
  sector: Sector | null;
  careTypes: readonly CareType[];
  county: string;
  /** Published reviews, and the distinct people who wrote them (the count suppression is about). */
  reviewCount: number;
  reviewers: number;
  meanOverall: number | null;
  scoreOutOfTen: number | null;
  /** Reviews the score out of 10 was built from (its 24-month window). */
  scoreReviews: number;
  cqcRating: CqcRating;
  headlinePrice: { unit: PriceUnit; pence: number } | null;
}

export interface OrganisationReviewers {
  organisationId: string;
  /** Distinct people with a published review of any of the organisation's published services. */
  reviewers: number;
}

export interface PriceBenchmark {
  areaMedianPence: number;
  /** How many published services (same main care type, county and price unit) the median comes from. */
  areaServices: number;
  /** How far the service's price is above (+) or below (-) the median, in whole per cent. */
  percentVsMedian: number;
}

export interface ServiceRatingRow {
  input: ServiceRatingInput;
  reviewCount: Published<number>;
  meanRating: Published<number | null>;
  scoreOutOfTen: Published<number | null>;
  benchmark: PriceBenchmark | null;
}

export interface ProviderRatingRow {
  organisationId: string;
  organisationName: string;
  sector: Sector | null;
  publishedServices: number;
  reviewCount: Published<number>;
  meanRating: Published<number | null>;
  servicesRatedGoodOrOutstanding: number;
  servicesWithBenchmark: number;
  medianPercentVsAreaMedian: number | null;
}

export interface RatingTables {
  services: ServiceRatingRow[];
  providers: ProviderRatingRow[];
  /** The sum of shown provider review counts only, and how many providers were left out of it. */
  totalReviews: { total: number; cellsLeftOut: number };
}

function hidden<T>(reason: SuppressionReason): Published<T> {
  return { suppressed: true, reason };
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

/** The benchmark group of a service: its main (first) care type, its county and its headline price unit. */
function benchmarkKey(input: ServiceRatingInput): string | null {
  if (!input.headlinePrice || input.careTypes.length === 0) return null;
  return `${input.careTypes[0]}|${input.county}|${input.headlinePrice.unit}`;
}

export function priceBenchmarks(inputs: readonly ServiceRatingInput[]): Map<string, PriceBenchmark> {
  const pricesByGroup = new Map<string, number[]>();
  for (const input of inputs) {
    const key = benchmarkKey(input);
    if (key && input.headlinePrice)
      pricesByGroup.set(key, [...(pricesByGroup.get(key) ?? []), input.headlinePrice.pence]);
  }
  const benchmarks = new Map<string, PriceBenchmark>();
  for (const input of inputs) {
    const key = benchmarkKey(input);
    const prices = key ? pricesByGroup.get(key) : undefined;
    const median = prices ? medianOf(prices) : null;
    if (!input.headlinePrice || !prices || median === null || median === 0) continue;
    benchmarks.set(input.serviceId, {
      areaMedianPence: Math.round(median),
      areaServices: prices.length,
      percentVsMedian: Math.round((input.headlinePrice.pence / median - 1) * 100),
    });
  }
  return benchmarks;
}

function weightedMean(inputs: readonly ServiceRatingInput[]): number | null {
  let sum = 0;
  let count = 0;
  for (const input of inputs) {
    if (input.meanOverall === null || input.reviewCount === 0) continue;
    sum += input.meanOverall * input.reviewCount;
    count += input.reviewCount;
  }
  return count === 0 ? null : round(sum / count, 2);
}

export function buildRatingTables(
  inputs: readonly ServiceRatingInput[],
  organisationReviewers: readonly OrganisationReviewers[],
): RatingTables {
  const benchmarks = priceBenchmarks(inputs);
  const reviewersByOrganisation = new Map(organisationReviewers.map((o) => [o.organisationId, o.reviewers]));
  const byOrganisation = new Map<string, ServiceRatingInput[]>();
  for (const input of inputs)
    byOrganisation.set(input.organisationId, [...(byOrganisation.get(input.organisationId) ?? []), input]);
  const organisationIds = [...byOrganisation.keys()];

  // Providers first: they are one group adding up to the directory's total.
  const providerCounts = suppressGroup(
    organisationIds.map((id) => {
      const services = byOrganisation.get(id)!;
      return {
        people: reviewersByOrganisation.get(id) ?? 0,
        value: services.reduce((sum, s) => sum + s.reviewCount, 0),
      };
    }),
  );

  const serviceRows = new Map<string, ServiceRatingRow>();
  const providers: ProviderRatingRow[] = organisationIds.map((id, index) => {
    const services = byOrganisation.get(id)!;
    const providerCount = providerCounts[index]!;
    const serviceCounts: Published<number>[] = providerCount.suppressed
      ? services.map(() => hidden<number>(providerCount.reason))
      : suppressGroup(services.map((s) => ({ people: s.reviewers, value: s.reviewCount })));
    services.forEach((input, i) => {
      const count = serviceCounts[i]!;
      const score = suppressCell({
        people: input.scoreReviews,
        value: input.scoreOutOfTen === null ? null : round(input.scoreOutOfTen, 1),
      });
      serviceRows.set(input.serviceId, {
        input,
        reviewCount: count,
        meanRating: count.suppressed
          ? hidden(count.reason)
          : { suppressed: false, value: input.meanOverall === null ? null : round(input.meanOverall, 2) },
        scoreOutOfTen: count.suppressed ? hidden(count.reason) : score,
        benchmark: benchmarks.get(input.serviceId) ?? null,
      });
    });
    const percents = services.flatMap((s) => {
      const benchmark = benchmarks.get(s.serviceId);
      return benchmark ? [benchmark.percentVsMedian] : [];
    });
    const medianPercent = medianOf(percents);
    return {
      organisationId: id,
      organisationName: services[0]!.organisationName,
      sector: services[0]!.sector,
      publishedServices: services.length,
      reviewCount: providerCount,
      meanRating: providerCount.suppressed
        ? hidden(providerCount.reason)
        : { suppressed: false, value: weightedMean(services) },
      servicesRatedGoodOrOutstanding: services.filter((s) => s.cqcRating === 'good' || s.cqcRating === 'outstanding')
        .length,
      servicesWithBenchmark: percents.length,
      medianPercentVsAreaMedian: medianPercent === null ? null : Math.round(medianPercent),
    };
  });

  return {
    services: inputs.map((input) => serviceRows.get(input.serviceId)!),
    providers,
    totalReviews: totalOfShown(providers.map((p) => p.reviewCount)),
  };
}
