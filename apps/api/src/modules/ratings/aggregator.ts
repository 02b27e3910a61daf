// Keeps service_ratings equal to what the domain maths says about the published reviews. Called inside
// the transaction that publishes, rejects, withdraws or answers a review: that service's own aggregate is
// recomputed at once from its reviews and its group's stored figures (prior and median prices), and the whole
// group's recompute (every member's figures move a hair with the prior) is queued for after commit, where a
// worker does it under the group lock. A publish in a group of 2,000 services and 40,000 reviews took 3-10 s
// when the whole group was recomputed inside the moderator's transaction.
import { enqueueServiceSearchSync, type Database, type Executor, type ServiceRatingRow } from '@care-assist/db';
import {
  aggregateGroupMember,
  aggregateRatingGroup,
  groupValueScores,
  ratingGroupFigures,
  ratingGroupKey,
  type CareType,
  type RatingAggregate,
  type RatingGroupFigures,
  type GroupService,
} from '@care-assist/domain';
import type { GroupServiceRow, RatingRepository } from './repository.ts';

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

/** Services per rebuild transaction (whole groups, so a chunk can be larger when one group is). */
const REBUILD_CHUNK_SERVICES = 4000;
/** Rows per INSERT when saving aggregates: ten parameters each, well inside Postgres's 65,535. */
const SAVE_BATCH = 1000;

/** Whole groups, in key order, packed into chunks of about `size` services. */
function chunkGroups(groups: Map<string, GroupServiceRow[]>, size: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let count = 0;
  for (const key of [...groups.keys()].sort()) {
    current.push(key);
    count += groups.get(key)!.length;
    if (count >= size) {
      chunks.push(current);
      current = [];
      count = 0;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** What the search documents carry from the aggregate. */
function searchFiguresChanged(stored: ServiceRatingRow | undefined, computed: RatingAggregate): boolean {
  if (!stored || stored.computedAt === null) return true;
  return (
    stored.reviewCount !== computed.reviewCount ||
    !sameNumber(stored.meanOverall, computed.meanOverall) ||
    !sameNumber(stored.rankingScore, computed.rankingScore) ||
    !sameNumber(stored.valueScore, computed.valueScore)
  );
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
  async function computeGroup(key: string, members: GroupServiceRow[], asOf: Date, tx: Executor) {
    const reviewsByService = await ratings.publishedReviews(
      members.map((m) => m.id),
      tx,
    );
    const group = members.map((m) => toGroupService(m, reviewsByService.get(m.id) ?? []));
    await ratings.saveGroupFigures([{ groupKey: key, figures: ratingGroupFigures(group) }], asOf, tx);
    return aggregateRatingGroup(group, asOf);
  }

  /**
   * Recomputes a whole group as of now and writes only the rows that differ from what is stored (a publish
   * in a big group moves the prior a hair, which changes few rounded figures). Rows left alone still equal a
   * fresh computation as of now, which is what `ratings:rebuild --check` compares against.
   */
  async function refreshGroup(careTypes: readonly CareType[], county: string, tx: Executor, always?: string) {
    const key = ratingGroupKey(careTypes, county);
    await ratings.lockGroup(key, tx);
    const members = await ratings.groupServices(careTypes[0] ?? '', county, tx);
    const asOf = clock();
    const computed = await computeGroup(key, members, asOf, tx);
    const before = await ratings.ratingsFor(
      members.map((m) => m.id),
      tx,
    );
    const rows = [...computed]
      .filter(
        ([id, aggregate]) =>
          id === always || compareAggregate(id, before.get(id), aggregate).length > 0 || !before.get(id)?.computedAt,
      )
      .map(([id, aggregate]) => ({ serviceId: id, aggregate }));
    for (let i = 0; i < rows.length; i += SAVE_BATCH)
      await ratings.saveRatings(rows.slice(i, i + SAVE_BATCH), asOf, tx);
    const changed = rows
      .filter(({ serviceId: id, aggregate }) => id === always || searchFiguresChanged(before.get(id), aggregate))
      .map((r) => r.serviceId);
    await enqueueServiceSearchSync(tx, changed);
    return computed;
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
      const figures = await ratings.groupFigures(key, tx);
      // A group never computed yet (a new county or care type) is small: do it whole, now.
      if (!figures) return (await refreshGroup(service.careTypes, service.county, tx, serviceId)).get(serviceId);
      await ratings.lockService(serviceId, tx);
      const reviews = (await ratings.publishedReviews([serviceId], tx)).get(serviceId) ?? [];
      const asOf = clock();
      const aggregate = aggregateGroupMember(toGroupService(service, reviews), figures, asOf);
      await ratings.saveRatings([{ serviceId, aggregate }], asOf, tx);
      await enqueueServiceSearchSync(tx, [serviceId]);
      await ratings.requestGroupRefresh(
        { groupKey: key, careType: service.careTypes[0] ?? '', county: service.county },
        tx,
      );
      return aggregate;
    },

    /**
     * Recomputes the oldest queued group, if any, in its own transaction: every request for that group made
     * before it started is answered by this one recompute. Returns false when nothing was waiting.
     */
    async refreshQueuedGroup(): Promise<boolean> {
      return db.transaction(async (tx) => {
        const claimed = await ratings.claimGroupRefresh(tx);
        if (!claimed) return false;
        await refreshGroup(claimed.careType ? [claimed.careType as CareType] : [], claimed.county, tx);
        await ratings.deleteGroupRefreshes(claimed.ids, tx);
        return true;
      });
    },

    pendingGroupRefreshes: () => ratings.pendingGroupRefreshes(),

    /** Recomputes one rating group (e.g. the group a listing moved out of). Inside the caller's transaction. */
    refreshGroup: (careTypes: readonly CareType[], county: string, tx: Executor) => refreshGroup(careTypes, county, tx),

    /**
     * After a price change: the group's median price moved, so every value score in the group may have, but
     * no ranking did. Recomputes the value scores from the stored rankings (no review is read), writes only
     * those that changed and sends those services to search. Must run inside the caller's transaction.
     */
    async refreshValueScores(careTypes: readonly CareType[], county: string, tx: Executor): Promise<string[]> {
      await ratings.lockGroup(ratingGroupKey(careTypes, county), tx);
      const members = await ratings.groupServices(careTypes[0] ?? '', county, tx);
      const stored = await ratings.storedRankings(
        members.map((m) => m.id),
        tx,
      );
      const values = groupValueScores(
        members.map((m) => {
          const row = stored.get(m.id);
          return {
            ...toGroupService(m, []),
            rating: row?.computedAt ? { rankingScore: row.rankingScore, reviewCount: row.reviewCount } : null,
          };
        }),
      );
      const changed = [...values]
        .filter(([id, value]) => !sameNumber(stored.get(id)?.valueScore ?? null, value))
        .map(([serviceId, valueScore]) => ({ serviceId, valueScore }));
      await ratings.saveValueScores(changed, clock(), tx);
      await enqueueServiceSearchSync(
        tx,
        changed.map((c) => c.serviceId),
      );
      return changed.map((c) => c.serviceId);
    },

    /**
     * Recomputes every aggregate from the reviews. Each group is first checked as of the moment it was
     * last computed (recency and the 24-month window depend on time), and differences are reported;
     * with `apply`, the group is then recomputed as of now and saved, and changed services reindexed.
     * Groups are taken a few thousand services at a time: one lock, one read of their reviews and one
     * write per chunk, so 1,000,000 reviews take seconds rather than one round trip per group.
     */
    async rebuildAll(options: { apply: boolean; onProgress?: (done: number, total: number) => void }) {
      const all = await ratings.allServices();
      const groups = new Map<string, GroupServiceRow[]>();
      for (const s of all) {
        const key = ratingGroupKey(s.careTypes, s.county);
        const members = groups.get(key);
        if (members) members.push(s);
        else groups.set(key, [s]);
      }
      const differences: RatingDifference[] = [];
      let done = 0;
      options.onProgress?.(0, all.length);
      for (const chunk of chunkGroups(groups, REBUILD_CHUNK_SERVICES)) {
        const ids = chunk.flatMap((key) => groups.get(key)!.map((m) => m.id));
        await db.transaction(async (tx) => {
          await ratings.lockGroups(chunk, tx);
          const stored = await ratings.ratingsFor(ids, tx);
          const reviewsByService = await ratings.publishedReviews(ids, tx);
          const asOf = clock();
          const fresh: { serviceId: string; aggregate: RatingAggregate }[] = [];
          const figures: { groupKey: string; figures: RatingGroupFigures }[] = [];
          for (const key of chunk) {
            const members = groups.get(key)!.map((m) => toGroupService(m, reviewsByService.get(m.id) ?? []));
            const computedTimes = members.map((m) => stored.get(m.id)?.computedAt?.getTime() ?? 0);
            const lastComputed = Math.max(0, ...computedTimes);
            if (lastComputed > 0) {
              const check = aggregateRatingGroup(members, new Date(lastComputed));
              for (const [id, aggregate] of check) differences.push(...compareAggregate(id, stored.get(id), aggregate));
            }
            if (options.apply) {
              figures.push({ groupKey: key, figures: ratingGroupFigures(members) });
              for (const [serviceId, aggregate] of aggregateRatingGroup(members, asOf)) {
                fresh.push({ serviceId, aggregate });
              }
            }
          }
          if (!options.apply) return;
          await ratings.saveGroupFigures(figures, asOf, tx);
          for (let i = 0; i < fresh.length; i += SAVE_BATCH) {
            await ratings.saveRatings(fresh.slice(i, i + SAVE_BATCH), asOf, tx);
          }
          // Search only needs the services whose searchable figures moved.
          const changed = fresh
            .filter(({ serviceId, aggregate }) => searchFiguresChanged(stored.get(serviceId), aggregate))
            .map((r) => r.serviceId);
          for (let i = 0; i < changed.length; i += SAVE_BATCH) {
            await enqueueServiceSearchSync(tx, changed.slice(i, i + SAVE_BATCH));
          }
        });
        done += ids.length;
        options.onProgress?.(done, all.length);
      }
      return { services: all.length, groups: groups.size, differences };
    },
  };
}
export type RatingAggregator = ReturnType<typeof createRatingAggregator>;
