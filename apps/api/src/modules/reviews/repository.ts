// Drizzle queries for reviews, provider replies, helpful votes, reports and the moderation audit log.
import { and, asc, count, desc, eq, gte, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import {
  bookings,
  moderationActions,
  organisationMembers,
  organisations,
  reviewFlags,
  reviewHelpfulVotes,
  reviewResponses,
  reviews,
  services,
  users,
  readAll,
  type Database,
  type Executor,
  type ReviewRow,
  type NewReview,
  type ReviewResponseRow,
  type ReviewFlagRow,
} from '@care-assist/db';
import { pageOf, type PageRequest, type ReviewListQuery } from '@care-assist/domain';
import { readFilteredPage } from '../paging.ts';

export interface ReviewRecord {
  review: ReviewRow;
  response: ReviewResponseRow | null;
  authorName: string;
  serviceName: string;
  serviceSlug: string;
}

export function createReviewRepository(db: Database) {
  const records = (tx: Executor) =>
    tx
      .select({
        review: reviews,
        response: reviewResponses,
        authorName: users.displayName,
        serviceName: services.name,
        serviceSlug: services.slug,
      })
      .from(reviews)
      .innerJoin(users, eq(users.id, reviews.authorId))
      .innerJoin(services, eq(services.id, reviews.serviceId))
      .leftJoin(reviewResponses, eq(reviewResponses.reviewId, reviews.id));

  return {
    async insert(values: NewReview, tx: Executor = db): Promise<ReviewRow> {
      const [row] = await tx.insert(reviews).values(values).returning();
      return row!;
    },

    async update(id: string, values: Partial<NewReview>, tx: Executor = db): Promise<ReviewRow> {
      const [row] = await tx.update(reviews).set(values).where(eq(reviews.id, id)).returning();
      return row!;
    },

    /** Locks the review row, so two moderators (or an author and a moderator) cannot act on it at once. */
    async findForUpdate(id: string, tx: Executor): Promise<ReviewRow | undefined> {
      const [row] = await tx.select().from(reviews).where(eq(reviews.id, id)).for('update');
      return row;
    },

    async findRecord(id: string, tx: Executor = db): Promise<ReviewRecord | undefined> {
      const [row] = await records(tx).where(eq(reviews.id, id));
      return row;
    },

    async findLive(serviceId: string, authorId: string, tx: Executor = db): Promise<ReviewRow[]> {
      return tx
        .select()
        .from(reviews)
        .where(
          and(
            eq(reviews.serviceId, serviceId),
            eq(reviews.authorId, authorId),
            inArray(reviews.status, ['pending', 'changes_requested', 'published']),
          ),
        );
    },

    /** Recent texts to compare a new one against: this service's reviews and this author's others. */
    async recentTexts(serviceId: string, authorId: string, excludeId: string | null, tx: Executor = db) {
      const rows = await tx
        .select({ body: reviews.body })
        .from(reviews)
        .where(
          and(
            or(eq(reviews.serviceId, serviceId), eq(reviews.authorId, authorId)),
            excludeId ? ne(reviews.id, excludeId) : undefined,
          ),
        )
        .orderBy(desc(reviews.createdAt))
        .limit(200);
      return rows.map((r) => r.body);
    },

    async countSince(serviceId: string, since: Date, tx: Executor = db): Promise<number> {
      const [row] = await tx
        .select({ n: count() })
        .from(reviews)
        .where(and(eq(reviews.serviceId, serviceId), gte(reviews.createdAt, since)));
      return row?.n ?? 0;
    },

    /** Reviews of the service from one network since the given time, leaving out the one being edited. */
    async countFromNetworkSince(
      serviceId: string,
      networkHash: string,
      since: Date,
      excludeId: string | null,
      tx: Executor = db,
    ): Promise<number> {
      const [row] = await tx
        .select({ n: count() })
        .from(reviews)
        .where(
          and(
            eq(reviews.serviceId, serviceId),
            eq(reviews.networkHash, networkHash),
            gte(reviews.createdAt, since),
            excludeId ? ne(reviews.id, excludeId) : undefined,
          ),
        );
      return row?.n ?? 0;
    },

    /** The person's booking of the service where care was actually delivered (active or completed), if any. */
    async findDeliveredBooking(serviceId: string, requesterId: string, tx: Executor = db) {
      const [row] = await tx
        .select({ id: bookings.id, status: bookings.status })
        .from(bookings)
        .where(
          and(
            eq(bookings.serviceId, serviceId),
            eq(bookings.requesterId, requesterId),
            inArray(bookings.status, ['active', 'completed']),
          ),
        )
        // A completed booking first, then the most recent.
        .orderBy(sql`${bookings.status} = 'completed' desc`, desc(bookings.updatedAt))
        .limit(1);
      return row;
    },

    async listByAuthor(authorId: string, page: PageRequest, tx: Executor = db) {
      const where = eq(reviews.authorId, authorId);
      return readFilteredPage(tx, page, {
        select: () => records(tx),
        where,
        orderBy: [desc(reviews.createdAt), desc(reviews.id)],
        counted: reviews,
      });
    },

    /**
     * A page of a service's published reviews. `unfilteredTotal` is the service's review count from
     * service_ratings: without filters it is the total, so a service with thousands of reviews is not counted
     * again on every page (newest first reads just the page through reviews_published_service_idx).
     */
    async listPublished(serviceId: string, query: ReviewListQuery, unfilteredTotal?: number, tx: Executor = db) {
      const page = query.page ?? 1;
      const perPage = query.per_page ?? 10;
      const where = and(
        eq(reviews.serviceId, serviceId),
        eq(reviews.status, 'published'),
        query.relationship ? eq(reviews.relationship, query.relationship) : undefined,
        query.rating ? eq(reviews.overall, query.rating) : undefined,
        query.verified === undefined ? undefined : eq(reviews.verified, query.verified),
      );
      const order: SQL[] = {
        newest: [desc(reviews.publishedAt), desc(reviews.id)],
        helpful: [desc(reviews.helpfulCount), desc(reviews.publishedAt), desc(reviews.id)],
        lowest: [asc(reviews.overall), desc(reviews.publishedAt), desc(reviews.id)],
        highest: [desc(reviews.overall), desc(reviews.publishedAt), desc(reviews.id)],
      }[query.sort ?? 'newest'];
      const filtered = query.relationship !== undefined || query.rating !== undefined || query.verified !== undefined;
      const [items, total] = await readAll(tx, [
        () =>
          records(tx)
            .where(where)
            .orderBy(...order)
            .limit(perPage)
            .offset((page - 1) * perPage),
        () =>
          !filtered && unfilteredTotal !== undefined
            ? Promise.resolve(unfilteredTotal)
            : tx
                .select({ n: count() })
                .from(reviews)
                .where(where)
                .then(([row]) => row?.n ?? 0),
      ]);
      return pageOf(items, total, { page, perPage });
    },

    async listForOrganisationsOf(userId: string, page: PageRequest, tx: Executor = db) {
      const orgIds = tx
        .select({ id: organisationMembers.organisationId })
        .from(organisationMembers)
        .where(eq(organisationMembers.userId, userId));
      const serviceIds = tx.select({ id: services.id }).from(services).where(inArray(services.organisationId, orgIds));
      const where = and(inArray(reviews.serviceId, serviceIds), eq(reviews.status, 'published'));
      return readFilteredPage(tx, page, {
        select: () => records(tx),
        where,
        orderBy: [desc(reviews.publishedAt), desc(reviews.id)],
        counted: reviews,
      });
    },

    /** The reviews of suspected groups, oldest first: what a moderator decides together. */
    async recordsInGroups(groupIds: string[], tx: Executor = db): Promise<ReviewRecord[]> {
      if (groupIds.length === 0) return [];
      return records(tx).where(inArray(reviews.groupId, groupIds)).orderBy(asc(reviews.createdAt));
    },

    async moderationQueue(queue: 'pending' | 'reported' | 'safeguarding', page: PageRequest, tx: Executor = db) {
      const openFlags = tx.select({ id: reviewFlags.reviewId }).from(reviewFlags).where(isNull(reviewFlags.resolvedAt));
      const where = {
        pending: and(eq(reviews.status, 'pending'), eq(reviews.safeguarding, false)),
        safeguarding: and(eq(reviews.status, 'pending'), eq(reviews.safeguarding, true)),
        reported: and(eq(reviews.status, 'published'), inArray(reviews.id, openFlags)),
      }[queue];
      return readFilteredPage(tx, page, {
        select: () => records(tx),
        where,
        orderBy: [asc(reviews.createdAt), asc(reviews.id)],
        counted: reviews,
      });
    },

    async openFlags(reviewIds: string[], tx: Executor = db): Promise<ReviewFlagRow[]> {
      if (reviewIds.length === 0) return [];
      return tx
        .select()
        .from(reviewFlags)
        .where(and(inArray(reviewFlags.reviewId, reviewIds), isNull(reviewFlags.resolvedAt)))
        .orderBy(asc(reviewFlags.createdAt));
    },

    async resolveFlags(reviewId: string, by: string, at: Date, tx: Executor) {
      await tx
        .update(reviewFlags)
        .set({ resolvedAt: at, resolvedBy: by })
        .where(and(eq(reviewFlags.reviewId, reviewId), isNull(reviewFlags.resolvedAt)));
    },

    /** Returns false when this person already reported the review and it is still open. */
    async addFlag(values: typeof reviewFlags.$inferInsert, tx: Executor = db): Promise<boolean> {
      const rows = await tx.insert(reviewFlags).values(values).onConflictDoNothing().returning({ id: reviewFlags.id });
      return rows.length > 0;
    },

    /** Returns false when this person already marked the review helpful. */
    async addHelpfulVote(reviewId: string, userId: string, tx: Executor): Promise<boolean> {
      const rows = await tx
        .insert(reviewHelpfulVotes)
        .values({ reviewId, userId })
        .onConflictDoNothing()
        .returning({ reviewId: reviewHelpfulVotes.reviewId });
      if (rows.length === 0) return false;
      await tx
        .update(reviews)
        .set({ helpfulCount: sql`${reviews.helpfulCount} + 1` })
        .where(eq(reviews.id, reviewId));
      return true;
    },

    async insertResponse(values: typeof reviewResponses.$inferInsert, tx: Executor): Promise<boolean> {
      const rows = await tx.insert(reviewResponses).values(values).onConflictDoNothing().returning();
      return rows.length > 0;
    },

    async findResponse(reviewId: string, tx: Executor = db): Promise<ReviewResponseRow | undefined> {
      const [row] = await tx.select().from(reviewResponses).where(eq(reviewResponses.reviewId, reviewId)).for('update');
      return row;
    },

    async updateResponse(reviewId: string, values: Partial<ReviewResponseRow>, tx: Executor) {
      await tx.update(reviewResponses).set(values).where(eq(reviewResponses.reviewId, reviewId));
    },

    async isMember(userId: string, organisationId: string, tx: Executor = db): Promise<boolean> {
      const rows = await tx
        .select({ userId: organisationMembers.userId })
        .from(organisationMembers)
        .where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.organisationId, organisationId)));
      return rows.length > 0;
    },

    /**
     * For the staff-name pre-check: the full names of the people the provider lists as its staff (its
     * members), and the service's, organisation's and town's names, whose capitalised words are not people.
     */
    async nameContext(serviceId: string, tx: Executor = db): Promise<{ staffNames: string[]; placeNames: string[] }> {
      const [place] = await tx
        .select({ service: services.name, organisation: organisations.name, town: services.town })
        .from(services)
        .innerJoin(organisations, eq(organisations.id, services.organisationId))
        .where(eq(services.id, serviceId));
      const staff = await tx
        .select({ name: users.displayName })
        .from(organisationMembers)
        .innerJoin(users, eq(users.id, organisationMembers.userId))
        .innerJoin(services, eq(services.organisationId, organisationMembers.organisationId))
        .where(eq(services.id, serviceId));
      return {
        staffNames: staff.map((s) => s.name),
        placeNames: place ? [place.service, place.organisation, place.town] : [],
      };
    },

    async audit(values: typeof moderationActions.$inferInsert, tx: Executor) {
      await tx.insert(moderationActions).values(values);
    },

    async auditLog(
      filter: { targetType?: string; action?: string; actorId?: string; targetId?: string; since?: Date },
      page: PageRequest,
      tx: Executor = db,
    ) {
      const where = and(
        filter.targetType ? eq(moderationActions.targetType, filter.targetType) : undefined,
        filter.action ? eq(moderationActions.action, filter.action) : undefined,
        filter.actorId ? eq(moderationActions.actorId, filter.actorId) : undefined,
        filter.targetId ? eq(moderationActions.targetId, filter.targetId) : undefined,
        filter.since ? gte(moderationActions.at, filter.since) : undefined,
      );
      return readFilteredPage(tx, page, {
        select: () =>
          tx
            .select({ entry: moderationActions, actorName: users.displayName })
            .from(moderationActions)
            .innerJoin(users, eq(users.id, moderationActions.actorId)),
        where,
        orderBy: [desc(moderationActions.at), desc(moderationActions.id)],
        counted: moderationActions,
      });
    },
  };
}
export type ReviewRepository = ReturnType<typeof createReviewRepository>;
