// Reading reviews (one, or a service's published reviews with its rating) and what readers do with a
// published review: mark it helpful or report it to the moderators.
import { type PublicReview, type ReportBody, type ReviewListQuery, type ReviewPage } from '@care-assist/domain';
import type { Database, Executor } from '@care-assist/db';
import { actorCan, requireSignIn } from '../../access.ts';
import { Conflict, Forbidden, NotFound } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { ServiceRepository } from '../services/repository.ts';
import { toPublicReview, toRatingDetail } from './presenters.ts';
import type { ReviewRepository } from './repository.ts';

interface ReadingDeps {
  db: Database;
  reviews: ReviewRepository;
  services: ServiceRepository;
  clock: () => Date;
}

export function createReviewReading({ db, reviews, services, clock }: ReadingDeps) {
  /** A published review, locked for a change that depends on it (a vote, a report, a reply). */
  async function publishedReview(id: string, tx: Executor) {
    const review = await reviews.findForUpdate(id, tx);
    if (!review || review.status !== 'published') throw new NotFound('There is no published review with that id.');
    return review;
  }

  /** A review as the public sees it, whatever its status: for callers that have already checked access. */
  async function byId(id: string, tx: Executor = db): Promise<PublicReview> {
    const record = await reviews.findRecord(id, tx);
    if (!record) throw new NotFound('There is no review with that id.');
    return toPublicReview(record);
  }

  async function get(actor: Actor | null, id: string): Promise<PublicReview> {
    const record = await reviews.findRecord(id);
    const visible =
      record &&
      (record.review.status === 'published' || record.review.authorId === actor?.userId || actorCan(actor, 'moderate'));
    if (!record || !visible) throw new NotFound('There is no published review with that id.');
    return toPublicReview(record);
  }

  async function listForService(idOrSlug: string, query: ReviewListQuery): Promise<ReviewPage> {
    const record = await services.findPublishedByIdOrSlug(idOrSlug);
    if (!record) throw new NotFound('There is no published care service with that address.');
    // The aggregate counts published reviews once it has been computed; until then, count them.
    const known = record.rating?.computedAt ? record.rating.reviewCount : undefined;
    const page = await reviews.listPublished(record.service.id, query, known);
    return { ...page, items: page.items.map(toPublicReview), rating: toRatingDetail(record.rating) };
  }

  async function markHelpful(actorOrNull: Actor | null, id: string): Promise<{ helpfulCount: number }> {
    const actor = requireSignIn(actorOrNull);
    return db.transaction(async (tx) => {
      const review = await publishedReview(id, tx);
      if (review.authorId === actor.userId) throw new Forbidden('You cannot mark your own review as helpful.');
      // Votes order reviews ("most helpful"): a provider must not push up the praise of its own service.
      const service = await services.findPublishedById(review.serviceId, tx);
      if (service && (await reviews.isMember(actor.userId, service.service.organisationId, tx))) {
        throw new Forbidden('You cannot mark reviews of a service your organisation runs as helpful.');
      }
      if (!(await reviews.addHelpfulVote(id, actor.userId, tx))) {
        throw new Conflict('You have already marked this review as helpful.');
      }
      return { helpfulCount: review.helpfulCount + 1 };
    });
  }

  async function report(actorOrNull: Actor | null, id: string, body: ReportBody): Promise<void> {
    const actor = requireSignIn(actorOrNull);
    await db.transaction(async (tx) => {
      await publishedReview(id, tx);
      const added = await reviews.addFlag(
        {
          reviewId: id,
          reporterId: actor.userId,
          reason: body.reason,
          note: body.note?.trim() || null,
          createdAt: clock(),
        },
        tx,
      );
      if (!added) throw new Conflict('You have already reported this review; a moderator will look at it.');
    });
  }

  return { publishedReview, byId, get, listForService, markHelpful, report };
}
export type ReviewReading = ReturnType<typeof createReviewReading>;
