// Drizzle queries behind the review-fraud defences: suspected groups of reviews, the reviews a burst takes in
// (earlier ones included), device and fresh-account counts.
import { and, asc, count, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import {
  reviewGroups,
  reviews,
  services,
  users,
  type Database,
  type Executor,
  type ReviewGroupRow,
} from '@care-assist/db';
import type { PageRequest, PrecheckCode, PrecheckFlag, ReviewGroupStatus } from '@care-assist/domain';
import { readFilteredPage } from '../paging.ts';

/** Which pending reviews of a service a signal takes into the group. */
export interface BurstScope {
  serviceId: string;
  since: Date;
  /** Only those from this network (network_burst) or this device (shared_device); all in the window for burst. */
  networkHash?: string;
  deviceHash?: string;
}

export function createReviewGroupRepository(db: Database) {
  return {
    /** The open group of the service, locked, or a new one (the partial unique index keeps it single). */
    async openGroupFor(serviceId: string, signals: PrecheckCode[], at: Date, tx: Executor): Promise<ReviewGroupRow> {
      await tx
        .insert(reviewGroups)
        .values({ serviceId, signals, createdAt: at })
        .onConflictDoNothing({ target: reviewGroups.serviceId, where: sql`${reviewGroups.status} = 'open'` });
      const [group] = await tx
        .select()
        .from(reviewGroups)
        .where(and(eq(reviewGroups.serviceId, serviceId), eq(reviewGroups.status, 'open')))
        .for('update');
      const merged = [...new Set([...group!.signals, ...signals])];
      if (merged.length !== group!.signals.length) {
        await tx.update(reviewGroups).set({ signals: merged }).where(eq(reviewGroups.id, group!.id));
      }
      return { ...group!, signals: merged };
    },

    /** The pending reviews a burst signal covers, locked: the one just written and every earlier one. */
    async pendingInScope(scope: BurstScope, tx: Executor) {
      return tx
        .select({
          id: reviews.id,
          prechecks: reviews.prechecks,
          groupId: reviews.groupId,
          trustWeight: reviews.trustWeight,
        })
        .from(reviews)
        .where(
          and(
            eq(reviews.serviceId, scope.serviceId),
            inArray(reviews.status, ['pending', 'changes_requested']),
            gte(reviews.createdAt, scope.since),
            scope.networkHash ? eq(reviews.networkHash, scope.networkHash) : undefined,
            scope.deviceHash ? eq(reviews.deviceHash, scope.deviceHash) : undefined,
          ),
        )
        .orderBy(asc(reviews.createdAt))
        .for('update');
    },

    async markMember(
      reviewId: string,
      values: { groupId: string; prechecks: PrecheckFlag[]; trustWeight: number },
      tx: Executor,
    ) {
      await tx.update(reviews).set(values).where(eq(reviews.id, reviewId));
    },

    /** Other authors who reviewed the service from the same browser (device cookie), ever. */
    async otherAuthorsOnDevice(serviceId: string, deviceHash: string, authorId: string, tx: Executor) {
      const [row] = await tx
        .select({ n: sql<number>`count(distinct ${reviews.authorId})::int` })
        .from(reviews)
        .where(
          and(eq(reviews.serviceId, serviceId), eq(reviews.deviceHash, deviceHash), ne(reviews.authorId, authorId)),
        );
      return row?.n ?? 0;
    },

    /** Reviews from one network since `since` by accounts created after `accountsSince` (any service). */
    async freshAccountReviewsFromNetwork(networkHash: string, since: Date, accountsSince: Date, tx: Executor) {
      const [row] = await tx
        .select({ n: count() })
        .from(reviews)
        .innerJoin(users, eq(users.id, reviews.authorId))
        .where(
          and(eq(reviews.networkHash, networkHash), gte(reviews.createdAt, since), gte(users.createdAt, accountsSince)),
        );
      return row?.n ?? 0;
    },

    async accountCreatedAt(userId: string, tx: Executor): Promise<Date | undefined> {
      const [row] = await tx.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId));
      return row?.createdAt;
    },

    async findForUpdate(id: string, tx: Executor): Promise<ReviewGroupRow | undefined> {
      const [row] = await tx.select().from(reviewGroups).where(eq(reviewGroups.id, id)).for('update');
      return row;
    },

    async list(status: ReviewGroupStatus, page: PageRequest, tx: Executor = db) {
      const where = eq(reviewGroups.status, status);
      return readFilteredPage(tx, page, {
        select: () =>
          tx
            .select({ group: reviewGroups, serviceName: services.name })
            .from(reviewGroups)
            .innerJoin(services, eq(services.id, reviewGroups.serviceId)),
        where,
        orderBy: [asc(reviewGroups.createdAt), asc(reviewGroups.id)],
        counted: reviewGroups,
      });
    },

    async find(id: string, tx: Executor = db) {
      const [row] = await tx
        .select({ group: reviewGroups, serviceName: services.name })
        .from(reviewGroups)
        .innerJoin(services, eq(services.id, reviewGroups.serviceId))
        .where(eq(reviewGroups.id, id));
      return row;
    },

    async decide(
      id: string,
      values: { status: ReviewGroupStatus; reasonCode: string | null; note: string | null; by: string; at: Date },
      tx: Executor,
    ) {
      await tx
        .update(reviewGroups)
        .set({
          status: values.status,
          reasonCode: values.reasonCode,
          note: values.note,
          decidedBy: values.by,
          decidedAt: values.at,
        })
        .where(eq(reviewGroups.id, id));
    },
  };
}
export type ReviewGroupRepository = ReturnType<typeof createReviewGroupRepository>;
