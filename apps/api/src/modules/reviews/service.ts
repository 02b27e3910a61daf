// Reviews: writing, editing and withdrawing them here; reading them, helpful votes and reports in reading.ts;
// the provider's replies and confirmations in provider-replies.ts. This service offers all of them.
// Authorisation lives in these services. Every change that can move a rating recomputes service_ratings (and
// queues the search sync) in the same transaction.
import {
  BURST_WINDOW_HOURS,
  burstFlag,
  networkBurstFlag,
  needsSafeguarding,
  precheckText,
  reviewSubmissionErrors,
  trustWeightOf,
  type EditReviewBody,
  type PrecheckFlag,
  mapPage,
  type MyReview,
  type Page,
  type PageRequest,
  type SubmitReviewBody,
} from '@care-assist/domain';
import type { Database, Executor, ReviewRow } from '@care-assist/db';
import { requireRole, requireVerifiedEmail, requireSignIn } from '../../access.ts';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../errors.ts';
import type { ReviewEmails } from '../email/review-emails.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { RatingAggregator } from '../ratings/aggregator.ts';
import { categoryColumns } from '../ratings/repository.ts';
import type { ServiceRepository } from '../services/repository.ts';
import type { BurstDetector } from './burst-detector.ts';
import { toMyReview } from './presenters.ts';
import { createProviderReviewActions } from './provider-replies.ts';
import { createReviewReading } from './reading.ts';
import type { ReviewRepository } from './repository.ts';

interface ReviewDeps {
  db: Database;
  reviews: ReviewRepository;
  services: ServiceRepository;
  aggregator: RatingAggregator;
  clock: () => Date;
  /** The salted hash of the network (see networkOf) an address belongs to; the address is never stored. */
  networkHash: (ip: string) => string;
  /** The salted hash of a browser's device cookie; the cookie itself is never stored. */
  deviceHash: (deviceId: string) => string;
  burst: BurstDetector;
  /** Notification e-mails (safeguarding to moderators, replies to authors); none when absent. */
  emails?: ReviewEmails;
}

/** Flags about the writer and the burst, kept when the author edits the text (they did not change). */
const WRITER_AND_BURST_FLAGS = new Set(['new_account', 'shared_device', 'burst', 'network_burst']);

/** Where a submission came from: the caller's address (request.ip, forwarded by the trusted web server). */
export interface SubmissionContext {
  ip?: string;
  /** The browser's device cookie, forwarded by the web server (see apps/web hooks.server.ts). */
  deviceId?: string;
}

/**
 * What the writer's answers set on a review, on submission and on every edit: the answers (trimmed), their
 * consent time, and the prechecks with what follows from them (safeguarding, trust weight).
 */
function answerColumns(body: EditReviewBody, prechecks: PrecheckFlag[], now: Date) {
  return {
    relationship: body.relationship,
    overall: body.overall,
    ...categoryColumns(body.categories),
    periodMonth: body.periodMonth,
    periodYear: body.periodYear,
    title: body.title.trim(),
    body: body.body.trim(),
    consentAt: now,
    prechecks,
    safeguarding: needsSafeguarding(prechecks),
    trustWeight: trustWeightOf(prechecks),
  };
}

export function createReviewService({
  db,
  reviews,
  services,
  aggregator,
  clock,
  networkHash,
  deviceHash,
  burst,
  emails,
}: ReviewDeps) {
  const reading = createReviewReading({ db, reviews, services, clock });
  const { get, listForService, markHelpful, report } = reading;

  async function prechecksFor(
    serviceId: string,
    authorId: string,
    excludeId: string | null,
    network: string | null,
    title: string,
    body: string,
    tx: Executor,
  ) {
    const otherTexts = await reviews.recentTexts(serviceId, authorId, excludeId, tx);
    const names = await reviews.nameContext(serviceId, tx);
    const flags = precheckText({ text: `${title}\n${body}`, otherTexts, ...names });
    // Near-duplicates compare the body alone (titles repeat: "Excellent care").
    const duplicate = precheckText({ text: body, otherTexts }).filter((f) => f.code === 'near_duplicate');
    const since = new Date(clock().getTime() - BURST_WINDOW_HOURS * 3_600_000);
    const recent = (await reviews.countSince(serviceId, since, tx)) + (excludeId ? 0 : 1);
    // This review counts itself: the others from its network in the window, plus one.
    const fromNetwork = network
      ? networkBurstFlag((await reviews.countFromNetworkSince(serviceId, network, since, excludeId, tx)) + 1)
      : [];
    return [...flags.filter((f) => f.code !== 'near_duplicate'), ...duplicate, ...burstFlag(recent), ...fromNetwork];
  }

  async function loadOwn(actor: Actor, id: string, tx: Executor): Promise<ReviewRow> {
    const review = await reviews.findForUpdate(id, tx);
    if (!review || review.authorId !== actor.userId) throw new NotFound('You have no review with that id.');
    return review;
  }

  async function myReview(id: string, tx: Executor = db): Promise<MyReview> {
    const record = await reviews.findRecord(id, tx);
    if (!record) throw new NotFound('There is no review with that id.');
    return toMyReview(record);
  }

  return {
    /**
     * A resident writes a review. If they have an active or completed booking of the service (care was
     * delivered, not just quoted), the review is linked to it and verified from the start.
     */
    async submit(
      actorOrNull: Actor | null,
      body: SubmitReviewBody,
      context: SubmissionContext = {},
    ): Promise<MyReview> {
      const actor = requireRole(actorOrNull, 'resident', 'Only residents and their families can write reviews.');
      requireVerifiedEmail(actor, 'publish a review');
      const record = await services.findPublishedById(body.serviceId);
      if (!record) {
        throw new ValidationFailed('There is no published care service with that id.', [
          { field: 'serviceId', message: 'Choose a published care service' },
        ]);
      }
      const errors = reviewSubmissionErrors(body, { careTypes: record.service.careTypes, now: clock() });
      if (errors.length > 0) throw new ValidationFailed('Some answers need changing.', errors);
      if (await reviews.isMember(actor.userId, record.service.organisationId)) {
        throw new Forbidden('You cannot review a service run by an organisation you belong to.');
      }
      const id = await db.transaction(async (tx) => {
        const live = await reviews.findLive(body.serviceId, actor.userId, tx);
        if (live.some((r) => r.status !== 'published')) {
          throw new Conflict(
            'You already have a review of this service waiting for moderation; edit that one instead.',
          );
        }
        const network = context.ip ? networkHash(context.ip) : null;
        const writer = {
          serviceId: body.serviceId,
          authorId: actor.userId,
          network,
          device: context.deviceId ? deviceHash(context.deviceId) : null,
        };
        await burst.limitFreshAccounts(writer, tx);
        const prechecks = [
          ...(await prechecksFor(body.serviceId, actor.userId, null, network, body.title, body.body, tx)),
          ...(await burst.writerFlags(writer, tx)),
        ];
        const booking = await reviews.findDeliveredBooking(body.serviceId, actor.userId, tx);
        const row = await reviews
          .insert(
            {
              serviceId: body.serviceId,
              authorId: actor.userId,
              ...answerColumns(body, prechecks, clock()),
              replacesReviewId: live.find((r) => r.status === 'published')?.id ?? null,
              bookingId: booking?.id ?? null,
              verified: booking !== undefined,
              networkHash: network,
              deviceHash: writer.device,
              createdAt: clock(),
              updatedAt: clock(),
            },
            tx,
          )
          .catch((error: unknown) => {
            // The partial unique index: a second submission raced this one.
            if ((error as { code?: string }).code === '23505') {
              throw new Conflict('You already have a review of this service waiting for moderation.');
            }
            throw error;
          });
        await burst.groupBurst(writer, prechecks, tx);
        if (row.safeguarding) await emails?.safeguarding(tx, row.id);
        return row.id;
      });
      return myReview(id);
    },

    async edit(actorOrNull: Actor | null, id: string, body: EditReviewBody): Promise<MyReview> {
      const actor = requireSignIn(actorOrNull);
      await db.transaction(async (tx) => {
        const review = await loadOwn(actor, id, tx);
        // A rejected review can be put right and sent again (the writer was told why it was rejected).
        if (!['pending', 'changes_requested', 'rejected'].includes(review.status)) {
          throw new Conflict(
            'Only a review waiting for moderation, or sent back, can be edited; write a new one instead.',
          );
        }
        if (
          review.status === 'rejected' &&
          (await reviews.findLive(review.serviceId, actor.userId, tx)).some((r) => r.status !== 'published')
        ) {
          throw new Conflict(
            'You already have a review of this service waiting for moderation; edit that one instead.',
          );
        }
        const service = await services.findPublishedById(review.serviceId, tx);
        if (!service) throw new NotFound('That care service is no longer listed.');
        const errors = reviewSubmissionErrors(body, { careTypes: service.service.careTypes, now: clock() });
        if (errors.length > 0) throw new ValidationFailed('Some answers need changing.', errors);
        const recomputed = await prechecksFor(
          review.serviceId,
          actor.userId,
          id,
          review.networkHash,
          body.title,
          body.body,
          tx,
        );
        const kept = review.prechecks.filter(
          (f) => WRITER_AND_BURST_FLAGS.has(f.code) && !recomputed.some((r) => r.code === f.code),
        );
        const prechecks = [...recomputed, ...kept];
        await reviews.update(
          id,
          {
            ...answerColumns(body, prechecks, clock()),
            status: 'pending',
            ...(review.status === 'rejected' ? { rejectReason: null, moderatorNote: null } : {}),
            updatedAt: clock(),
          },
          tx,
        );
        if (needsSafeguarding(prechecks) && !review.safeguarding) await emails?.safeguarding(tx, id);
        if (review.status === 'rejected') {
          await reviews.audit(
            {
              actorId: actor.userId,
              targetType: 'review',
              targetId: id,
              action: 'resubmit',
              reasonCode: review.rejectReason,
              details: { from: review.status },
              at: clock(),
            },
            tx,
          );
        }
        const writer = { serviceId: review.serviceId, authorId: actor.userId, network: review.networkHash };
        await burst.groupBurst({ ...writer, device: review.deviceHash }, prechecks, tx);
      });
      return myReview(id);
    },

    async withdraw(actorOrNull: Actor | null, id: string): Promise<MyReview> {
      const actor = requireSignIn(actorOrNull);
      await db.transaction(async (tx) => {
        const review = await loadOwn(actor, id, tx);
        if (!['pending', 'changes_requested', 'published'].includes(review.status)) {
          throw new Conflict(`This review is already ${review.status.replace('_', ' ')}.`);
        }
        await reviews.update(id, { status: 'withdrawn', updatedAt: clock() }, tx);
        await reviews.audit(
          {
            actorId: actor.userId,
            targetType: 'review',
            targetId: id,
            action: 'withdraw',
            details: { from: review.status },
            at: clock(),
          },
          tx,
        );
        if (review.status === 'published') await aggregator.refreshForService(review.serviceId, tx);
      });
      return myReview(id);
    },

    async listMine(actorOrNull: Actor | null, page: PageRequest): Promise<Page<MyReview>> {
      const actor = requireSignIn(actorOrNull);
      return mapPage(await reviews.listByAuthor(actor.userId, page), toMyReview);
    },

    get,
    listForService,
    markHelpful,
    report,
    ...createProviderReviewActions({ db, reviews, services, aggregator, reading, clock, emails }),
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
