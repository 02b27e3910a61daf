// Keeps service_ratings equal to what the domain maths says about the published reviews. Called inside
// the transaction that publishes, rejects, withdraws or answers a review; the group lock makes concurrent
// publishes in one group take turns, so the last one to commit has seen every review.
import { enqueueServiceSearchSync, type Database, type Executor } from '@care-assist/db';
import { aggregateRatingGroup, ratingGroupKey, type RatingAggregate, type GroupService } from '@care-assist/domain';
import type { GroupServiceRow, RatingRepository, ServiceRatingRow } from './repository.ts';

interface AggregatorDeps {
  db: Database;
  ratings: RatingRepository;
  clock: () => Date;
}

export interface RatingDifference {
  serviceId: string;
  field: string;
  stored: unknown;
  computed: unknown;
}

const TOLERANCE = 1e-3; // service_ratings uses real (float4) columns

/** JSON with sorted keys: jsonb does not keep the key order it was given. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= TOLERANCE;
}

/** Field by field differences between a stored row and a freshly computed aggregate. */
export function compareAggregate(serviceId: string, stored: ServiceRatingRow | undefined, computed: RatingAggregate) {
  const differences: RatingDifference[] = [];
  const neverComputed = !stored || stored.computedAt === null;
  if (neverComputed) {
    if (computed.reviewCount > 0) differences.push({ serviceId, field: 'row', stored: null, computed: 'aggregate' });
    return differences;
  }
  const check = (field: string, a: unknown, b: unknown, same: boolean) => {
    if (!same) differences.push({ serviceId, field, stored: a, computed: b });
  };
  check('reviewCount', stored.reviewCount, computed.reviewCount, stored.reviewCount === computed.reviewCount);
  check('meanOverall', stored.meanOverall, computed.meanOverall, sameNumber(stored.meanOverall, computed.meanOverall));
  check(
    'rankingScore',
    stored.rankingScore,
    computed.rankingScore,
    sameNumber(stored.rankingScore, computed.rankingScore),
  );
  check('valueScore', stored.valueScore, computed.valueScore, sameNumber(stored.valueScore, computed.valueScore));
  check(
    'lastReviewAt',
    stored.lastReviewAt,
    computed.lastReviewAt,
    (stored.lastReviewAt?.getTime() ?? null) === (computed.lastReviewAt?.getTime() ?? null),
  );
  const storedDetails = canonical(stored.details);
  const computedDetails = canonical(computed.details);
  check('details', stored.details, computed.details, storedDetails === computedDetails);
  return differences;
}

function toGroupService(row: GroupServiceRow, reviews: GroupService['reviews']): GroupService {
  return {
    id: row.id,
    prices: {
      hour: row.pricePerHourPence,
      visit: row.pricePerVisitPence,
      night: row.pricePerNightPence,
      week: row.pricePerWeekPence,
    },
    reviews,
  };
}

export function createRatingAggregator({ db, ratings, clock }: AggregatorDeps) {
  async function computeGroup(members: GroupServiceRow[], asOf: Date, tx: Executor) {
    const reviewsByService = await ratings.publishedReviews(
      members.map((m) => m.id),
      tx,
    );
    return aggregateRatingGroup(
      members.map((m) => toGroupService(m, reviewsByService.get(m.id) ?? [])),
      asOf,
    );
  }

  return {
    /**
     * Recomputes the aggregates of the service's rating group and sends every service whose ranking
     * changed (always this one) to search through the outbox. Must run inside the caller's transaction.
     */
    async refreshForService(serviceId: string, tx: Executor): Promise<RatingAggregate | undefined> {
      const service = await ratings.findService(serviceId, tx);
      if (!service) return undefined;
      const key = ratingGroupKey(service.careTypes, service.county);
      await ratings.lockGroup(key, tx);
      const members = await ratings.groupServices(service.careTypes[0] ?? '', service.county, tx);
      const asOf = clock();
      const computed = await computeGroup(members, asOf, tx);
      const before = await ratings.ratingsFor(
        members.map((m) => m.id),
        tx,
      );
      const rows = [...computed].map(([id, aggregate]) => ({ serviceId: id, aggregate }));
      await ratings.saveRatings(rows, asOf, tx);
      const changed = rows
        .filter(
          ({ serviceId: id, aggregate }) =>
            id === serviceId ||
            !sameNumber(before.get(id)?.rankingScore ?? null, aggregate.rankingScore) ||
            !sameNumber(before.get(id)?.meanOverall ?? null, aggregate.meanOverall),
        )
        .map((r) => r.serviceId);
      await enqueueServiceSearchSync(tx, changed);
      return computed.get(serviceId);
    },

    /**
     * Recomputes every aggregate from the reviews. Each group is first checked as of the moment it was
     * last computed (recency and the 24-month window depend on time), and differences are reported;
     * with `apply`, the group is then recomputed as of now and saved, and changed services reindexed.
     */
    async rebuildAll(options: { apply: boolean; onProgress?: (done: number, total: number) => void }) {
      const all = await ratings.allServices();
      const groups = new Map<string, GroupServiceRow[]>();
      for (const s of all) {
        const key = ratingGroupKey(s.careTypes, s.county);
        groups.set(key, [...(groups.get(key) ?? []), s]);
      }
      const differences: RatingDifference[] = [];
      let done = 0;
      options.onProgress?.(0, all.length);
      for (const [key, members] of groups) {
        await db.transaction(async (tx) => {
          await ratings.lockGroup(key, tx);
          const stored = await ratings.ratingsFor(
            members.map((m) => m.id),
            tx,
          );
          const computedTimes = [...stored.values()].map((r) => r.computedAt?.getTime() ?? 0);
          const lastComputed = computedTimes.length > 0 ? Math.max(...computedTimes) : 0;
          if (lastComputed > 0) {
            const check = await computeGroup(members, new Date(lastComputed), tx);
            for (const [id, aggregate] of check) differences.push(...compareAggregate(id, stored.get(id), aggregate));
          }
          if (options.apply) {
            const fresh = await computeGroup(members, clock(), tx);
            await ratings.saveRatings(
              [...fresh].map(([serviceId, aggregate]) => ({ serviceId, aggregate })),
              clock(),
              tx,
            );
            await enqueueServiceSearchSync(
              tx,
              members.map((m) => m.id),
            );
          }
        });
        done += members.length;
        options.onProgress?.(done, all.length);
      }
      return { services: all.length, groups: groups.size, differences };
    },
  };
}
export type RatingAggregator = ReturnType<typeof createRatingAggregator>;
