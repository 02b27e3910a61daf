// Drizzle queries behind the rating aggregates: the services of a rating group, their published reviews,
// and the service_ratings rows.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { reviewResponses, reviews, serviceRatings, services, type Database, type Executor } from '@care-assist/db';
import type { AggregatedReview, CareType, CategoryScores, RatingAggregate, ReviewCategory } from '@care-assist/domain';

export type ReviewRow = typeof reviews.$inferSelect;
export type ServiceRatingRow = typeof serviceRatings.$inferSelect;

/** Which reviews column holds each category score. */
export const CATEGORY_COLUMNS = {
  quality_of_care: 'qualityOfCare',
  dignity_respect: 'dignityRespect',
  staff: 'staff',
  reliability: 'reliability',
  communication: 'communication',
  value_for_money: 'valueForMoney',
  cleanliness: 'cleanliness',
  food: 'food',
  activities: 'activities',
  management: 'management',
} as const satisfies Record<ReviewCategory, keyof ReviewRow>;

export function categoriesOf(row: ReviewRow): CategoryScores {
  const out: CategoryScores = {};
  for (const [category, column] of Object.entries(CATEGORY_COLUMNS)) {
    const value = row[column];
    if (value !== null) out[category as ReviewCategory] = value;
  }
  return out;
}

export function categoryColumns(categories: CategoryScores) {
  const out: Partial<Record<(typeof CATEGORY_COLUMNS)[ReviewCategory], number | null>> = {};
  for (const [category, column] of Object.entries(CATEGORY_COLUMNS)) {
    out[column] = categories[category as ReviewCategory] ?? null;
  }
  return out;
}

export interface GroupServiceRow {
  id: string;
  careTypes: CareType[];
  county: string;
  pricePerHourPence: number | null;
  pricePerVisitPence: number | null;
  pricePerNightPence: number | null;
  pricePerWeekPence: number | null;
}

const groupColumns = {
  id: services.id,
  careTypes: services.careTypes,
  county: services.county,
  pricePerHourPence: services.pricePerHourPence,
  pricePerVisitPence: services.pricePerVisitPence,
  pricePerNightPence: services.pricePerNightPence,
  pricePerWeekPence: services.pricePerWeekPence,
};

export function createRatingRepository(db: Database) {
  return {
    async findService(serviceId: string, tx: Executor = db): Promise<GroupServiceRow | undefined> {
      const [row] = await tx.select(groupColumns).from(services).where(eq(services.id, serviceId));
      return row;
    },

    async groupServices(careType: string, county: string, tx: Executor = db): Promise<GroupServiceRow[]> {
      return tx
        .select(groupColumns)
        .from(services)
        .where(and(sql`${services.careTypes}[1] = ${careType}`, eq(services.county, county)));
    },

    async allServices(tx: Executor = db): Promise<GroupServiceRow[]> {
      return tx.select(groupColumns).from(services);
    },

    /** Serialises aggregate updates of one rating group (two publishes in one group wait for each other). */
    async lockGroup(key: string, tx: Executor): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rating-group:${key}`}))`);
    },

    async publishedReviews(serviceIds: string[], tx: Executor = db): Promise<Map<string, AggregatedReview[]>> {
      const byService = new Map<string, AggregatedReview[]>(serviceIds.map((id) => [id, []]));
      if (serviceIds.length === 0) return byService;
      const rows = await tx
        .select({ review: reviews, response: reviewResponses })
        .from(reviews)
        .leftJoin(reviewResponses, eq(reviewResponses.reviewId, reviews.id))
        .where(and(inArray(reviews.serviceId, serviceIds), eq(reviews.status, 'published')));
      for (const { review, response } of rows) {
        byService.get(review.serviceId)?.push({
          overall: review.overall,
          categories: categoriesOf(review),
          writtenAt: review.createdAt,
          verified: review.verified,
          answered: response !== null,
          changeReported: response !== null && (response.changePlanned || response.changeMade),
        });
      }
      return byService;
    },

    async ratingsFor(serviceIds: string[], tx: Executor = db): Promise<Map<string, ServiceRatingRow>> {
      if (serviceIds.length === 0) return new Map();
      const rows = await tx.select().from(serviceRatings).where(inArray(serviceRatings.serviceId, serviceIds));
      return new Map(rows.map((r) => [r.serviceId, r]));
    },

    async saveRatings(rows: { serviceId: string; aggregate: RatingAggregate }[], asOf: Date, tx: Executor = db) {
      if (rows.length === 0) return;
      const values = rows.map(({ serviceId, aggregate }) => ({
        serviceId,
        ...aggregate,
        computedAt: asOf,
        updatedAt: asOf,
      }));
      await tx
        .insert(serviceRatings)
        .values(values)
        .onConflictDoUpdate({
          target: serviceRatings.serviceId,
          set: {
            reviewCount: sql`excluded.review_count`,
            meanOverall: sql`excluded.mean_overall`,
            rankingScore: sql`excluded.ranking_score`,
            valueScore: sql`excluded.value_score`,
            lastReviewAt: sql`excluded.last_review_at`,
            details: sql`excluded.details`,
            computedAt: sql`excluded.computed_at`,
            updatedAt: sql`excluded.updated_at`,
          },
        });
    },
  };
}
export type RatingRepository = ReturnType<typeof createRatingRepository>;
