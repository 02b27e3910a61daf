// Drizzle queries for the open data downloads: published services with their organisation, rating aggregate and
// the number of distinct people behind their published reviews (what small-number suppression counts).
import { and, asc, avg, countDistinct, eq } from 'drizzle-orm';
import {
  organisations,
  reviews,
  serviceRatings,
  services,
  type Database,
  type Executor,
  type ServiceRow,
  type OrganisationRow,
  type ServiceRatingRow,
} from '@care-assist/db';

export interface PublishedServiceRecord {
  service: ServiceRow;
  organisation: OrganisationRow;
  rating: ServiceRatingRow | null;
}

export interface ServiceReviewFigures {
  reviews: number;
  reviewers: number;
  meanOverall: number | null;
}

export function createOpenDataRepository(db: Database) {
  return {
    async publishedServices(tx: Executor = db): Promise<PublishedServiceRecord[]> {
      return tx
        .select({ service: services, organisation: organisations, rating: serviceRatings })
        .from(services)
        .innerJoin(organisations, eq(organisations.id, services.organisationId))
        .leftJoin(serviceRatings, eq(serviceRatings.serviceId, services.id))
        .where(eq(services.status, 'published'))
        .orderBy(asc(organisations.name), asc(services.name), asc(services.id));
    },

    /** Published reviews, distinct reviewers and the mean overall rating of each published service. */
    async reviewsByService(tx: Executor = db): Promise<Map<string, ServiceReviewFigures>> {
      const rows = await tx
        .select({
          serviceId: reviews.serviceId,
          reviews: countDistinct(reviews.id),
          reviewers: countDistinct(reviews.authorId),
          meanOverall: avg(reviews.overall),
        })
        .from(reviews)
        .innerJoin(services, eq(services.id, reviews.serviceId))
        .where(and(eq(reviews.status, 'published'), eq(services.status, 'published')))
        .groupBy(reviews.serviceId);
      return new Map(
        rows.map((r) => [
          r.serviceId,
          {
            reviews: r.reviews,
            reviewers: r.reviewers,
            meanOverall: r.meanOverall === null ? null : Number(r.meanOverall),
          },
        ]),
      );
    },

    /** Distinct reviewers across each organisation's published services. */
    async reviewersByOrganisation(tx: Executor = db): Promise<Map<string, number>> {
      const rows = await tx
        .select({ organisationId: services.organisationId, reviewers: countDistinct(reviews.authorId) })
        .from(reviews)
        .innerJoin(services, eq(services.id, reviews.serviceId))
        .where(and(eq(reviews.status, 'published'), eq(services.status, 'published')))
        .groupBy(services.organisationId);
      return new Map(rows.map((r) => [r.organisationId, r.reviewers]));
    },
  };
}
export type OpenDataRepository = ReturnType<typeof createOpenDataRepository>;
