// Queries for "highly rated" recognition: the candidates for a year's award (read from services, their ratings
// and reviews as they stand), the awards stored per year in service_recognitions, and the latest each service
// shows. Plain SQL where the ORM would only get in the way (the candidates at England scale, DISTINCT ON).
import { sql } from 'drizzle-orm';
import type { Database, Executor, ServiceRecognitionRow } from '@care-assist/db';
import type { CareType, CqcRating } from '@care-assist/domain';

/** A published service with a ranking score, once per care type it offers, with its last 12 months' reviews. */
export interface RecognitionCandidateRow {
  service_id: string;
  county: string;
  care_type: CareType;
  ranking_score: number;
  recent: number;
  cqc_overall: CqcRating | null;
  safeguarding: number;
}

/** One service and care type recognised in a year's award. */
export type RecognitionAward = Pick<
  ServiceRecognitionRow,
  'serviceId' | 'careType' | 'county' | 'rankingScore' | 'areaUpperQuartile'
>;

/** The latest year a service was recognised in and the care types it was recognised for. */
export type ShownRecognitionRow = {
  service_id: string;
  year: number;
  county: string;
  care_types: CareType[];
};

// Every published service with a ranking score, once per care type it offers: the groups are care type x
// county. Reviews and safeguarding concerns count in the 12 months up to the award date. Two queries joined
// here rather than one join in SQL: with service_ratings freshly rebuilt (stale statistics) the planner chose
// a nested loop that re-aggregated the reviews per service (15 minutes at 50,000 services).
const servicesWithScores = sql`
  select s.id as service_id, s.county, ct.care_type, sr.ranking_score,
    nullif(s.cqc_rating, 'not_yet_rated') as cqc_overall
  from services s
  join service_ratings sr on sr.service_id = s.id and sr.review_count > 0
  cross join lateral unnest(s.care_types) as ct(care_type)
  where s.status = 'published'`;
const recentReviews = (asAt: Date) => sql`
  select service_id, count(*)::int as recent, (count(*) filter (where safeguarding))::int as safeguarding
  from reviews
  where status = 'published' and published_at > ${asAt}::timestamptz - interval '12 months'
    and published_at <= ${asAt}::timestamptz
  group by service_id`;

/** Rows per INSERT when storing an award. */
const INSERT_BATCH = 1000;

export function createRecognitionRepository(db: Database) {
  return {
    /** Serialises awards, so two admins pressing the button cannot interleave deletes and inserts. */
    async lockAwards(tx: Executor): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('service_recognitions'))`);
    },

    async candidates(asAt: Date, tx: Executor = db): Promise<RecognitionCandidateRow[]> {
      const scored = (await tx.execute(servicesWithScores)).rows as unknown as Omit<
        RecognitionCandidateRow,
        'recent' | 'safeguarding'
      >[];
      const recent = new Map(
        (
          (await tx.execute(recentReviews(asAt))).rows as unknown as Pick<
            RecognitionCandidateRow,
            'service_id' | 'recent' | 'safeguarding'
          >[]
        ).map((row) => [row.service_id, row]),
      );
      return scored.map((row) => ({
        ...row,
        recent: recent.get(row.service_id)?.recent ?? 0,
        safeguarding: recent.get(row.service_id)?.safeguarding ?? 0,
      }));
    },

    /** Deletes the year's recognitions and stores `awarded` instead: pass the award's transaction. */
    async replaceYear(year: number, awardedAt: Date, awarded: RecognitionAward[], tx: Executor): Promise<void> {
      await tx.execute(sql`delete from service_recognitions where year = ${year}`);
      for (let i = 0; i < awarded.length; i += INSERT_BATCH) {
        const batch = awarded.slice(i, i + INSERT_BATCH);
        await tx.execute(sql`
          insert into service_recognitions (year, service_id, care_type, county, ranking_score, area_upper_quartile, awarded_at)
          values ${sql.join(
            batch.map(
              (a) =>
                sql`(${year}, ${a.serviceId}, ${a.careType}, ${a.county}, ${a.rankingScore}, ${a.areaUpperQuartile}, ${awardedAt})`,
            ),
            sql`, `,
          )}`);
      }
    },

    async yearsAwarded(tx: Executor = db): Promise<number[]> {
      const { rows } = await tx.execute<{ year: number }>(
        sql`select distinct year from service_recognitions order by year`,
      );
      return rows.map((row) => Number(row.year));
    },

    /** For each of the services recognised in `sinceYear` or later, its latest year. */
    async latestForServices(
      serviceIds: readonly string[],
      sinceYear: number,
      tx: Executor = db,
    ): Promise<ShownRecognitionRow[]> {
      const { rows } = await tx.execute<ShownRecognitionRow>(sql`
        select distinct on (service_id) service_id, year, county, care_types from (
          select service_id, year, county, array_agg(care_type order by care_type) as care_types
          from service_recognitions
          where service_id = any(${sql.param(serviceIds)}::uuid[]) and year >= ${sinceYear}
          group by service_id, year, county) r
        order by service_id, year desc`);
      return rows;
    },
  };
}
export type RecognitionRepository = ReturnType<typeof createRecognitionRepository>;
