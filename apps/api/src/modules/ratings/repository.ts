// Drizzle queries behind the rating aggregates: the services of a rating group, their published reviews,
// the service_ratings rows, each group's stored figures and the queue of group recomputes.
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  ratingGroupRefreshes,
  ratingGroups,
  reviews,
  serviceRatings,
  services,
  type Database,
  type Executor,
  type ReviewRow,
  type ServiceRatingRow,
} from '@care-assist/db';
import type {
  AggregatedReview,
  CareType,
  CategoryScores,
  RatingAggregate,
  RatingGroupFigures,
  ReviewCategory,
} from '@care-assist/domain';

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

type CategoryColumn = (typeof CATEGORY_COLUMNS)[ReviewCategory];

export function categoriesOf(row: Pick<ReviewRow, CategoryColumn>): CategoryScores {
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

export interface StoredRanking {
  serviceId: string;
  rankingScore: number;
  reviewCount: number;
  valueScore: number | null;
  computedAt: Date | null;
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

    /** Serialises several groups at once (the rebuild); keys sorted so two callers never wait on each other in a cycle. */
    async lockGroups(keys: readonly string[], tx: Executor): Promise<void> {
      const sorted = [...keys].sort().map((key) => `rating-group:${key}`);
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(k)) from unnest(${sql.param(sorted)}::text[]) with ordinality as t(k, n) order by n`,
      );
    },

    /**
     * Only the columns the maths reads (never the review text): a group can hold tens of thousands and a
     * rebuild reads a million, so this is plain SQL without the ORM's per-row mapping.
     */
    async publishedReviews(serviceIds: string[], tx: Executor = db): Promise<Map<string, AggregatedReview[]>> {
      const byService = new Map<string, AggregatedReview[]>(serviceIds.map((id) => [id, []]));
      if (serviceIds.length === 0) return byService;
      const categories = Object.entries(CATEGORY_COLUMNS).map(([category, column]) => ({
        category: category as ReviewCategory,
        name: reviews[column].name,
      }));
      const result = await tx.execute(sql`
        select r.service_id, r.overall, r.created_at, r.verified, r.trust_weight,
               ${sql.raw(categories.map((c) => `r.${c.name}`).join(', '))},
               p.review_id is not null as answered,
               coalesce(p.change_planned or p.change_made, false) as change_reported
          from reviews r
          left join review_responses p on p.review_id = r.id
         where r.service_id = any(${sql.param(serviceIds)}::uuid[]) and r.status = 'published'
         -- A fixed order: the maths sums floating-point numbers, so a figure on a rounding boundary (4.95 to one
         -- decimal) can come out 4.9 or 5.0 with the order rows arrive in; ratings:rebuild on the bench data once
         -- reported exactly such a score-out-of-ten difference (4.9 stored, 5 computed, same components).
         order by r.service_id, r.created_at, r.id`);
      const { rows } = result as { rows: Record<string, unknown>[] };
      for (const row of rows) {
        const scores: CategoryScores = {};
        for (const { category, name } of categories) {
          const value = row[name];
          if (value !== null && value !== undefined) scores[category] = Number(value);
        }
        byService.get(row.service_id as string)?.push({
          overall: Number(row.overall),
          categories: scores,
          writtenAt: new Date(row.created_at as string | Date),
          verified: row.verified === true,
          trustWeight: Number(row.trust_weight ?? 1),
          answered: row.answered === true,
          changeReported: row.change_reported === true,
        });
      }
      return byService;
    },

    async ratingsFor(serviceIds: string[], tx: Executor = db): Promise<Map<string, ServiceRatingRow>> {
      if (serviceIds.length === 0) return new Map();
      const rows = await tx.select().from(serviceRatings).where(inArray(serviceRatings.serviceId, serviceIds));
      return new Map(rows.map((r) => [r.serviceId, r]));
    },

    /** What value for money needs of the stored aggregates (no details: a group can hold thousands). */
    async storedRankings(serviceIds: string[], tx: Executor = db) {
      if (serviceIds.length === 0) return new Map<string, StoredRanking>();
      const rows = await tx
        .select({
          serviceId: serviceRatings.serviceId,
          rankingScore: serviceRatings.rankingScore,
          reviewCount: serviceRatings.reviewCount,
          valueScore: serviceRatings.valueScore,
          computedAt: serviceRatings.computedAt,
        })
        .from(serviceRatings)
        .where(inArray(serviceRatings.serviceId, serviceIds));
      return new Map<string, StoredRanking>(rows.map((r) => [r.serviceId, r]));
    },

    /** Writes new value scores only (one statement for the lot). */
    async saveValueScores(rows: { serviceId: string; valueScore: number | null }[], at: Date, tx: Executor) {
      if (rows.length === 0) return;
      await tx.execute(sql`
        update service_ratings r set value_score = u.value_score, updated_at = ${at}
          from unnest(${sql.param(rows.map((row) => row.serviceId))}::uuid[],
                      ${sql.param(rows.map((row) => row.valueScore))}::real[]) as u(service_id, value_score)
         where r.service_id = u.service_id`);
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

    /** Serialises recomputes of one service's own aggregate (two publishes for one service take turns). */
    async lockService(serviceId: string, tx: Executor): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rating-service:${serviceId}`}))`);
    },

    async groupFigures(groupKey: string, tx: Executor = db): Promise<RatingGroupFigures | undefined> {
      const [row] = await tx
        .select({ priorMean: ratingGroups.priorMean, medianPrices: ratingGroups.medianPrices })
        .from(ratingGroups)
        .where(eq(ratingGroups.groupKey, groupKey));
      return row;
    },

    async saveGroupFigures(groups: { groupKey: string; figures: RatingGroupFigures }[], at: Date, tx: Executor) {
      if (groups.length === 0) return;
      await tx
        .insert(ratingGroups)
        .values(groups.map(({ groupKey, figures }) => ({ groupKey, ...figures, computedAt: at })))
        .onConflictDoUpdate({
          target: ratingGroups.groupKey,
          set: {
            priorMean: sql`excluded.prior_mean`,
            medianPrices: sql`excluded.median_prices`,
            computedAt: sql`excluded.computed_at`,
          },
        });
    },

    /** Asks for the group to be recomputed after this transaction commits (a plain insert: never waits). */
    async requestGroupRefresh(group: { groupKey: string; careType: string; county: string }, tx: Executor) {
      await tx.insert(ratingGroupRefreshes).values(group);
    },

    /**
     * Takes the oldest waiting group and every request for it that no one else holds, locked until the caller's
     * transaction ends. A request made while the recompute runs is a new row, left for the next pass.
     */
    async claimGroupRefresh(tx: Executor) {
      const [oldest] = await tx
        .select()
        .from(ratingGroupRefreshes)
        .orderBy(ratingGroupRefreshes.id)
        .limit(1)
        .for('update', { skipLocked: true });
      if (!oldest) return undefined;
      const all = await tx
        .select({ id: ratingGroupRefreshes.id })
        .from(ratingGroupRefreshes)
        .where(eq(ratingGroupRefreshes.groupKey, oldest.groupKey))
        .for('update', { skipLocked: true });
      return { ...oldest, ids: [oldest.id, ...all.map((r) => r.id).filter((id) => id !== oldest.id)] };
    },

    async deleteGroupRefreshes(ids: number[], tx: Executor) {
      if (ids.length > 0) await tx.delete(ratingGroupRefreshes).where(inArray(ratingGroupRefreshes.id, ids));
    },

    async pendingGroupRefreshes(tx: Executor = db): Promise<number> {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(ratingGroupRefreshes);
      return row?.n ?? 0;
    },
  };
}
export type RatingRepository = ReturnType<typeof createRatingRepository>;
