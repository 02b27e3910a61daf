// The council's review moderation: queues (pending, reported, safeguarding), decisions, and the audit log.
// Only moderators and admins get in; every decision is appended to moderation_actions in the same
// transaction that changes the review and its service's rating aggregate.
import {
  mapPage,
  type AuditEntry,
  type ModerationDecisionBody,
  type ModerationQueue,
  type ModerationReview,
  type Page,
  type PageRequest,
} from '@care-assist/domain';
import type { Database } from '@care-assist/db';
import { Conflict, NotFound, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { RatingAggregator } from '../ratings/aggregator.ts';
import { toModerationReview } from '../reviews/presenters.ts';
import type { ReviewRepository } from '../reviews/repository.ts';
import { requirePermission } from '../../access.ts';

interface ModerationDeps {
  db: Database;
  reviews: ReviewRepository;
  aggregator: RatingAggregator;
  clock: () => Date;
}

export interface AuditFilter {
  targetType?: string;
  action?: string;
  actorId?: string;
  targetId?: string;
}

export function createModerationService({ db, reviews, aggregator, clock }: ModerationDeps) {
  async function moderationView(id: string): Promise<ModerationReview> {
    const record = await reviews.findRecord(id);
    if (!record) throw new NotFound('There is no review with that id.');
    return toModerationReview(record, await reviews.openFlags([id]));
  }

  return {
    async queue(actor: Actor | null, queue: ModerationQueue): Promise<ModerationReview[]> {
      requirePermission(actor, 'moderate');
      const records = await reviews.moderationQueue(queue);
      const flags = await reviews.openFlags(records.map((r) => r.review.id));
      return records.map((r) => toModerationReview(r, flags));
    },

    async get(actor: Actor | null, id: string): Promise<ModerationReview> {
      requirePermission(actor, 'moderate');
      return moderationView(id);
    },

    /**
     * Publish, reject (with a reason code the author sees) or ask the author to edit. Works on pending
     * reviews and on published reviews that readers reported (publish keeps it up and closes the reports).
     */
    async decide(actorOrNull: Actor | null, id: string, body: ModerationDecisionBody): Promise<ModerationReview> {
      const actor = requirePermission(actorOrNull, 'moderate');
      if (body.decision === 'reject' && !body.reasonCode) {
        throw new ValidationFailed('A rejection needs a reason code.', [
          { field: 'reasonCode', message: 'Choose why the review is rejected' },
        ]);
      }
      await db.transaction(async (tx) => {
        const review = await reviews.findForUpdate(id, tx);
        if (!review) throw new NotFound('There is no review with that id.');
        const reported = review.status === 'published' && (await reviews.openFlags([id], tx)).length > 0;
        if (review.status !== 'pending' && !reported) {
          throw new Conflict(
            `This review is ${review.status.replace('_', ' ')} and has no open reports, so there is nothing to decide.`,
          );
        }
        const now = clock();
        const note = body.note?.trim() || null;
        if (body.decision === 'publish') {
          if (review.replacesReviewId) {
            const older = await reviews.findForUpdate(review.replacesReviewId, tx);
            if (older?.status === 'published')
              await reviews.update(older.id, { status: 'replaced', updatedAt: now }, tx);
          }
          await reviews.update(
            id,
            {
              status: 'published',
              publishedAt: review.publishedAt ?? now,
              moderatedAt: now,
              moderatorNote: note,
              updatedAt: now,
            },
            tx,
          );
        } else if (body.decision === 'reject') {
          await reviews.update(
            id,
            {
              status: 'rejected',
              rejectReason: body.reasonCode ?? null,
              moderatorNote: note,
              moderatedAt: now,
              updatedAt: now,
            },
            tx,
          );
        } else {
          await reviews.update(
            id,
            {
              status: 'changes_requested',
              rejectReason: body.reasonCode ?? null,
              moderatorNote: note,
              moderatedAt: now,
              updatedAt: now,
            },
            tx,
          );
        }
        await reviews.resolveFlags(id, actor.userId, now, tx);
        await reviews.audit(
          {
            actorId: actor.userId,
            targetType: 'review',
            targetId: id,
            action: body.decision,
            reasonCode: body.reasonCode ?? null,
            note,
            details: { from: review.status, reported },
            at: now,
          },
          tx,
        );
        // A published review can only leave the rating by being rejected or edited; a pending one only enter it.
        if (body.decision === 'publish' || review.status === 'published')
          await aggregator.refreshForService(review.serviceId, tx);
      });
      return moderationView(id);
    },

    async auditLog(actorOrNull: Actor | null, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
      requirePermission(actorOrNull, 'read_audit_log');
      return mapPage(await reviews.auditLog(filter, page), ({ entry, actorName }) => ({
        id: entry.id,
        actorId: entry.actorId,
        actorName,
        targetType: entry.targetType,
        targetId: entry.targetId,
        action: entry.action,
        reasonCode: entry.reasonCode,
        note: entry.note,
        at: entry.at.toISOString(),
      }));
    },
  };
}
export type ModerationService = ReturnType<typeof createModerationService>;
