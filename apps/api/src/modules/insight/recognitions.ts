// "Highly rated" recognition: works out, for one year, which services are highly rated for each care type in
// each county (the rule is the pure highlyRated() in @care-assist/domain, published at /help/highly-rated),
// stores them in service_recognitions, and says which recognition each service shows.
//
// A year's recognitions are worked out from the data as it stands on the day they are awarded: the yearly run
// (the insight schedule, in January, for the year just ended, once) and on demand by a council admin for the
// current year, which replaces that year's recognitions. A past year is never recomputed once awarded, so a
// badge cannot change after the year it was given for. Nothing anyone pays for is read here.
import { sql } from 'drizzle-orm';
import type { Database, DbHandle } from '@care-assist/db';
import {
  highlyRated,
  type CareType,
  type CqcRating,
  type RecognitionCandidate,
  type ServiceRecognition,
} from '@care-assist/domain';
import { Conflict, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { requireRole } from '../../access.ts';

interface CandidateRow {
  service_id: string;
  county: string;
  care_type: CareType;
  ranking_score: number;
  recent: number;
  cqc_overall: CqcRating | null;
  safeguarding: number;
}

export interface AwardResult {
  year: number;
  asAt: string;
  /** Service and care type pairs recognised. */
  recognised: number;
  /** Care type and county groups looked at. */
  groups: number;
}

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

export function createRecognitionService({
  db,
  query,
  clock,
}: {
  db: Database;
  query: DbHandle['query'];
  clock: () => Date;
}) {
  async function yearsAwarded(): Promise<number[]> {
    const rows = await query<{ year: number }>('select distinct year from service_recognitions order by year', []);
    return rows.map((row) => Number(row.year));
  }

  /** Works out and stores one year's recognitions, replacing any for that year. No authorisation check. */
  async function award(year: number, asAt: Date): Promise<AwardResult> {
    return db.transaction(async (tx) => {
      // One award at a time, so two admins pressing the button cannot interleave deletes and inserts.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('service_recognitions'))`);
      const scored = (await tx.execute(servicesWithScores)).rows as unknown as Omit<
        CandidateRow,
        'recent' | 'safeguarding'
      >[];
      const recent = new Map(
        (
          (await tx.execute(recentReviews(asAt))).rows as unknown as Pick<
            CandidateRow,
            'service_id' | 'recent' | 'safeguarding'
          >[]
        ).map((row) => [row.service_id, row]),
      );
      const rows: CandidateRow[] = scored.map((row) => ({
        ...row,
        recent: recent.get(row.service_id)?.recent ?? 0,
        safeguarding: recent.get(row.service_id)?.safeguarding ?? 0,
      }));
      const groups = new Map<string, { careType: CareType; county: string; candidates: RecognitionCandidate[] }>();
      for (const row of rows) {
        const key = `${row.care_type}\u0000${row.county}`;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { careType: row.care_type, county: row.county, candidates: [] }));
        group.candidates.push({
          serviceId: row.service_id,
          rankingScore: Number(row.ranking_score),
          reviewsLast12Months: Number(row.recent),
          cqcOverall: row.cqc_overall,
          upheldSafeguardingConcern: Number(row.safeguarding) > 0,
        });
      }
      const awarded: { serviceId: string; careType: CareType; county: string; score: number; quartile: number }[] = [];
      for (const group of groups.values()) {
        const scores = new Map(group.candidates.map((c) => [c.serviceId, c.rankingScore]));
        for (const outcome of highlyRated(group.candidates)) {
          if (!outcome.highlyRated) continue;
          awarded.push({
            serviceId: outcome.serviceId,
            careType: group.careType,
            county: group.county,
            score: scores.get(outcome.serviceId)!,
            quartile: outcome.areaUpperQuartile,
          });
        }
      }
      await tx.execute(sql`delete from service_recognitions where year = ${year}`);
      for (let i = 0; i < awarded.length; i += 1000) {
        const batch = awarded.slice(i, i + 1000);
        await tx.execute(sql`
          insert into service_recognitions (year, service_id, care_type, county, ranking_score, area_upper_quartile, awarded_at)
          values ${sql.join(
            batch.map(
              (a) => sql`(${year}, ${a.serviceId}, ${a.careType}, ${a.county}, ${a.score}, ${a.quartile}, ${asAt})`,
            ),
            sql`, `,
          )}`);
      }
      return { year, asAt: asAt.toISOString(), recognised: awarded.length, groups: groups.size };
    });
  }

  return {
    award,
    yearsAwarded,

    /**
     * On demand, council admins only: the current year (replacing it), or a past year that was never awarded
     * (worked out from today's data, as the yearly run would have). A past year already awarded is kept.
     */
    async awardOnDemand(actor: Actor | null, year?: number): Promise<AwardResult> {
      requireRole(actor, 'admin', 'Only council admins can work out "highly rated" recognition.');
      const now = clock();
      const currentYear = now.getUTCFullYear();
      const target = year ?? currentYear;
      if (target > currentYear || target < 2000) {
        throw new ValidationFailed(`There is no recognition to work out for ${target}.`, [
          { field: 'year', message: `Choose ${currentYear} or an earlier year` },
        ]);
      }
      if (target < currentYear && (await yearsAwarded()).includes(target)) {
        throw new Conflict(`Recognition for ${target} was awarded already and is kept as it was.`);
      }
      return award(target, now);
    },

    /**
     * The yearly run (from the insight schedule): in January, award the year just ended if it has not been;
     * and award the current year once if it has nothing yet (so a fresh install shows recognition).
     */
    async awardDue(): Promise<AwardResult[]> {
      const now = clock();
      const currentYear = now.getUTCFullYear();
      const done = await yearsAwarded();
      const results: AwardResult[] = [];
      if (now.getUTCMonth() === 0 && !done.includes(currentYear - 1)) results.push(await award(currentYear - 1, now));
      if (!done.includes(currentYear)) results.push(await award(currentYear, now));
      return results;
    },

    /** The recognition each service shows: the latest year (this year's or last year's) it was recognised in. */
    async forServices(serviceIds: readonly string[]): Promise<Map<string, ServiceRecognition>> {
      const shown = new Map<string, ServiceRecognition>();
      if (serviceIds.length === 0) return shown;
      const rows = await query<{ service_id: string; year: number; county: string; care_types: CareType[] }>(
        `select distinct on (service_id) service_id, year, county, care_types from (
           select service_id, year, county, array_agg(care_type order by care_type) as care_types
           from service_recognitions
           where service_id = any($1::uuid[]) and year >= $2
           group by service_id, year, county) r
         order by service_id, year desc`,
        [serviceIds, clock().getUTCFullYear() - 1],
      );
      for (const row of rows) {
        shown.set(row.service_id, { year: Number(row.year), careTypes: row.care_types, county: row.county });
      }
      return shown;
    },
  };
}
export type RecognitionService = ReturnType<typeof createRecognitionService>;
