// Builds the open data tables from the published directory: the directory itself, and the ratings and price
// benchmarks per service and per provider with small numbers suppressed (rules in @care-assist/domain).
import {
  buildRatingTables,
  headlinePrice,
  type OrganisationReviewers,
  type RatingTables,
  type ServiceRatingInput,
} from '@care-assist/domain';
import type { OpenDataRepository, PublishedServiceRecord } from './repository.ts';

export interface OpenDataDeps {
  repository: OpenDataRepository;
}

export interface OpenDataTables {
  directory: PublishedServiceRecord[];
  ratings: RatingTables;
}

export function createOpenDataService({ repository }: OpenDataDeps) {
  return {
    async directory(): Promise<PublishedServiceRecord[]> {
      return repository.publishedServices();
    },

    async ratings(): Promise<RatingTables> {
      const [records, byService, byOrganisation] = await Promise.all([
        repository.publishedServices(),
        repository.reviewsByService(),
        repository.reviewersByOrganisation(),
      ]);
      const inputs: ServiceRatingInput[] = records.map(({ service, organisation, rating }) => {
        const figures = byService.get(service.id);
        const score = rating?.details?.scoreOutOfTen ?? null;
        const price = headlinePrice({
          hour: service.pricePerHourPence,
          visit: service.pricePerVisitPence,
          night: service.pricePerNightPence,
          week: service.pricePerWeekPence,
        });
        return {
          serviceId: service.id,
          serviceName: service.name,
          organisationId: organisation.id,
          organisationName: organisation.name,
          sector: organisation.sector,
          careTypes: service.careTypes,
          county: service.county,
          reviewCount: figures?.reviews ?? 0,
          reviewers: figures?.reviewers ?? 0,
          meanOverall: figures?.meanOverall ?? null,
          scoreOutOfTen: score?.score ?? null,
          scoreReviews: score?.reviewsInWindow ?? 0,
          cqcRating: service.cqcRating,
          headlinePrice: price ? { unit: price.unit, pence: price.amountPence } : null,
        };
      });
      const organisationReviewers: OrganisationReviewers[] = [...byOrganisation].map(([organisationId, reviewers]) => ({
        organisationId,
        reviewers,
      }));
      return buildRatingTables(inputs, organisationReviewers);
    },
  };
}
export type OpenDataService = ReturnType<typeof createOpenDataService>;
