// "Highly rated" recognition: works out, for one year, which services are highly rated for each care type in
// each county (the rule is the pure highlyRated() in @care-assist/domain, published at /help/highly-rated),
// stores them in service_recognitions, and says which recognition each service shows.
//
// A year's recognitions are worked out from the data as it stands on the day they are awarded: the yearly run
// (the insight schedule, in January, for the year just ended, once) and on demand by a council admin for the
// current year, which replaces that year's recognitions. A past year is never recomputed once awarded, so a
// badge cannot change after the year it was given for. Nothing anyone pays for is read here.
import type { Database } from '@care-assist/db';
import { highlyRated, type CareType, type RecognitionCandidate, type ServiceRecognition } from '@care-assist/domain';
import { Conflict, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { requireRole } from '../../access.ts';
import type { RecognitionAward, RecognitionRepository } from './recognition-repository.ts';

export interface AwardResult {
  year: number;
  asAt: string;
  /** Service and care type pairs recognised. */
  recognised: number;
  /** Care type and county groups looked at. */
  groups: number;
}

export function createRecognitionService({
  db,
  repository,
  clock,
}: {
  db: Database;
  repository: RecognitionRepository;
  clock: () => Date;
}) {
  const yearsAwarded = (): Promise<number[]> => repository.yearsAwarded();

  /** Works out and stores one year's recognitions, replacing any for that year. No authorisation check. */
  async function award(year: number, asAt: Date): Promise<AwardResult> {
    return db.transaction(async (tx) => {
      // One award at a time, so two admins pressing the button cannot interleave deletes and inserts.
      await repository.lockAwards(tx);
      const rows = await repository.candidates(asAt, tx);
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
      const awarded: RecognitionAward[] = [];
      for (const group of groups.values()) {
        const scores = new Map(group.candidates.map((c) => [c.serviceId, c.rankingScore]));
        for (const outcome of highlyRated(group.candidates)) {
          if (!outcome.highlyRated) continue;
          awarded.push({
            serviceId: outcome.serviceId,
            careType: group.careType,
            county: group.county,
            rankingScore: scores.get(outcome.serviceId)!,
            areaUpperQuartile: outcome.areaUpperQuartile,
          });
        }
      }
      await repository.replaceYear(year, asAt, awarded, tx);
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
      for (const row of await repository.latestForServices(serviceIds, clock().getUTCFullYear() - 1)) {
        shown.set(row.service_id, { year: Number(row.year), careTypes: row.care_types, county: row.county });
      }
      return shown;
    },
  };
}
export type RecognitionService = ReturnType<typeof createRecognitionService>;
