// The provider's side of reviews: replying to a review of its service (and editing the reply for a short
// while), confirming that a writer was really its client, and the portal listing its services' reviews.
import {
  mapPage,
  REVIEW_LIMITS,
  type MyReview,
  type Page,
  type PageRequest,
  type PublicReview,
  type ReplyBody,
} from '@care-assist/domain';
import type { Database } from '@care-assist/db';
import { requireRole, requireSignIn } from '../../access.ts';
import { Conflict, Forbidden, NotFound } from '../../errors.ts';
import type { ReviewEmails } from '../email/review-emails.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { RatingAggregator } from '../ratings/aggregator.ts';
import type { ServiceRepository } from '../services/repository.ts';
import { toMyReview } from './presenters.ts';
import type { ReviewReading } from './reading.ts';
import type { ReviewRepository } from './repository.ts';

interface ProviderDeps {
  db: Database;
  reviews: ReviewRepository;
  services: ServiceRepository;
  aggregator: RatingAggregator;
  reading: ReviewReading;
  clock: () => Date;
  emails?: ReviewEmails;
}

export function createProviderReviewActions({
  db,
  reviews,
  services,
  aggregator,
  reading,
  clock,
  emails,
}: ProviderDeps) {
  const { publishedReview } = reading;
  return {
    async reply(actorOrNull: Actor | null, id: string, body: ReplyBody): Promise<PublicReview> {
      const actor = requireSignIn(actorOrNull);
      await db.transaction(async (tx) => {
        const review = await publishedReview(id, tx);
        const service = await services.findPublishedById(review.serviceId, tx);
        if (!service || !(await reviews.isMember(actor.userId, service.service.organisationId, tx))) {
          throw new Forbidden('Only the organisation that runs this service can reply to its reviews.');
        }
        const added = await reviews.insertResponse(
          {
            reviewId: id,
            organisationId: service.service.organisationId,
            authorId: actor.userId,
            body: body.body.trim(),
            changePlanned: body.changePlanned ?? false,
            changeMade: body.changeMade ?? false,
            createdAt: clock(),
            updatedAt: clock(),
          },
          tx,
        );
        if (!added)
          throw new Conflict('This review already has a reply; you can edit it for 30 minutes after posting.');
        await aggregator.refreshForService(review.serviceId, tx);
        await emails?.replied(tx, id);
      });
      return reading.get(actor, id);
    },

    async editReply(actorOrNull: Actor | null, id: string, body: ReplyBody): Promise<PublicReview> {
      const actor = requireSignIn(actorOrNull);
      await db.transaction(async (tx) => {
        const review = await publishedReview(id, tx);
        const response = await reviews.findResponse(id, tx);
        if (!response) throw new NotFound('This review has no reply yet.');
        if (!(await reviews.isMember(actor.userId, response.organisationId, tx))) {
          throw new Forbidden('Only the organisation that replied can edit the reply.');
        }
        const windowEnds = response.createdAt.getTime() + REVIEW_LIMITS.replyEditWindowMinutes * 60_000;
        if (clock().getTime() > windowEnds)
          throw new Conflict('A reply can only be edited for 30 minutes after it is posted.');
        await reviews.updateResponse(
          id,
          {
            body: body.body.trim(),
            changePlanned: body.changePlanned ?? response.changePlanned,
            changeMade: body.changeMade ?? response.changeMade,
            updatedAt: clock(),
          },
          tx,
        );
        await aggregator.refreshForService(review.serviceId, tx);
      });
      return reading.get(actor, id);
    },

    /**
     * The provider confirms the writer was really its client: the review shows "verified". (Reviews linked
     * to an active or completed booking are verified on submission.) Audited like moderation.
     */
    async verify(actorOrNull: Actor | null, id: string): Promise<PublicReview> {
      const actor = requireSignIn(actorOrNull);
      await db.transaction(async (tx) => {
        const review = await reviews.findForUpdate(id, tx);
        if (!review || !['pending', 'published'].includes(review.status)) {
          throw new NotFound('There is no pending or published review with that id.');
        }
        const service = await services.findPublishedById(review.serviceId, tx);
        if (!service || !(await reviews.isMember(actor.userId, service.service.organisationId, tx))) {
          throw new Forbidden('Only the organisation that runs this service can confirm its clients.');
        }
        if (review.verified) throw new Conflict('This review is already verified.');
        await reviews.update(id, { verified: true, updatedAt: clock() }, tx);
        await reviews.audit(
          {
            actorId: actor.userId,
            targetType: 'review',
            targetId: id,
            action: 'verify',
            note: 'Confirmed by the provider as a client',
            at: clock(),
          },
          tx,
        );
        if (review.status === 'published') await aggregator.refreshForService(review.serviceId, tx);
      });
      return reading.byId(id);
    },

    /** The provider's portal: published reviews of every service its organisations run. */
    async forMyServices(actorOrNull: Actor | null, page: PageRequest): Promise<Page<MyReview>> {
      const actor = requireRole(actorOrNull, 'provider', 'Only providers have a reviews portal.');
      return mapPage(await reviews.listForOrganisationsOf(actor.userId, page), toMyReview);
    },
  };
}
