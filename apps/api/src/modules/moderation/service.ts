// The council's review moderation: queues (pending, reported, safeguarding), decisions, and the audit log.
// Only moderators and admins get in; every decision is appended to moderation_actions in the same
// transaction that changes the review and its service's rating aggregate.
import {
  REJECT_REASONS,
  mapPage,
  type AuditEntry,
  type ModerationDecisionBody,
  type ModerationQueue,
  type ModerationReview,
  type Page,
  type PageRequest,
  type ReviewGroup,
  type ReviewGroupDecisionBody,
} from '@care-assist/domain';
import type { Database, ReviewGroupRow } from '@care-assist/db';
import { Conflict, NotFound, ValidationFailed } from '../../errors.ts';
import type { ReviewEmails } from '../email/review-emails.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { RatingAggregator } from '../ratings/aggregator.ts';
import { toModerationReview } from '../reviews/presenters.ts';
import type { ReviewGroupRepository } from '../reviews/groups-repository.ts';
import type { ReviewRepository } from '../reviews/repository.ts';
import { requirePermission } from '../../access.ts';
import type { NotificationService } from '../notifications/service.ts';
import type { AuditTargets } from './audit-targets.ts';
import { auditEntryOf } from './audit-entry.ts';
import { createSafeguardingActions } from './safeguarding.ts';

interface ModerationDeps {
  db: Database;
  reviews: ReviewRepository;
  groups: ReviewGroupRepository;
  aggregator: RatingAggregator;
  clock: () => Date;
  /** Tells the author the decision (and the provider of a newly published review) by e-mail; none when absent. */
  emails?: ReviewEmails;
  /** Names for the audit log's ids, and who escalated what. */
  targets: AuditTargets;
  /** The writer's in-app notice of a decision or of a moderator's message; none when absent. */
  notifications?: NotificationService;
}

export interface AuditFilter {
  targetType?: string;
  action?: string;
  actorId?: string;
  targetId?: string;
}

export function createModerationService(deps: ModerationDeps) {
  const { db, reviews, groups, aggregator, clock, emails, targets, notifications } = deps;
  async function moderationView(id: string): Promise<ModerationReview> {
    const record = await reviews.findRecord(id);
    if (!record) throw new NotFound('There is no review with that id.');
    return toModerationReview(record, await reviews.openFlags([id]), await targets.escalations([id]));
  }

  async function groupViews(rows: { group: ReviewGroupRow; serviceName: string }[]): Promise<ReviewGroup[]> {
    const records = await reviews.recordsInGroups(rows.map((r) => r.group.id));
    const ids = records.map((r) => r.review.id);
    const [flags, escalations] = await Promise.all([reviews.openFlags(ids), targets.escalations(ids)]);
    return rows.map(({ group, serviceName }) => ({
      id: group.id,
      serviceId: group.serviceId,
      serviceName,
      signals: group.signals,
      status: group.status,
      reasonCode: group.reasonCode,
      note: group.note,
      createdAt: group.createdAt.toISOString(),
      decidedAt: group.decidedAt?.toISOString() ?? null,
      reviews: records
        .filter((r) => r.review.groupId === group.id)
        .map((r) => toModerationReview(r, flags, escalations)),
    }));
  }

  return {
    ...createSafeguardingActions({ ...deps, moderationView }),

    /** Suspected bursts still waiting for a decision, oldest first, each with all its reviews. */
    async openGroups(actor: Actor | null, page: PageRequest): Promise<Page<ReviewGroup>> {
      requirePermission(actor, 'moderate');
      const rows = await groups.list('open', page);
      return { ...rows, items: await groupViews(rows.items) };
    },

    async group(actor: Actor | null, id: string): Promise<ReviewGroup> {
      requirePermission(actor, 'moderate');
      const row = await groups.find(id);
      if (!row) throw new NotFound('There is no review group with that id.');
      return (await groupViews([row]))[0]!;
    },

    /**
     * One decision for a whole suspected burst. Reject: every review of the group still in moderation is
     * rejected with the reason (each audited). Dismiss: the suspicion is lifted and its reviews go back to
     * being moderated one by one. Published reviews are untouched either way: a group only holds pending ones.
     */
    async decideGroup(actorOrNull: Actor | null, id: string, body: ReviewGroupDecisionBody): Promise<ReviewGroup> {
      const actor = requirePermission(actorOrNull, 'moderate');
      if (body.decision === 'reject' && !body.reasonCode) {
        throw new ValidationFailed('Rejecting a group needs a reason code.', [
          { field: 'reasonCode', message: 'Choose why the reviews are rejected' },
        ]);
      }
      await db.transaction(async (tx) => {
        const group = await groups.findForUpdate(id, tx);
        if (!group) throw new NotFound('There is no review group with that id.');
        if (group.status !== 'open') throw new Conflict(`This group was already ${group.status}.`);
        const now = clock();
        const note = body.note?.trim() || null;
        const members = await reviews.recordsInGroups([id], tx);
        if (body.decision === 'reject') {
          for (const { review } of members) {
            if (review.status !== 'pending' && review.status !== 'changes_requested') continue;
            await reviews.update(
              review.id,
              {
                status: 'rejected',
                rejectReason: body.reasonCode ?? null,
                moderatorNote: note,
                moderatedAt: now,
                updatedAt: now,
              },
              tx,
            );
            await reviews.audit(
              {
                actorId: actor.userId,
                targetType: 'review',
                targetId: review.id,
                action: 'reject',
                reasonCode: body.reasonCode ?? null,
                note,
                details: { from: review.status, groupId: id },
                at: now,
              },
              tx,
            );
          }
        }
        await groups.decide(
          id,
          {
            status: body.decision === 'reject' ? 'rejected' : 'dismissed',
            reasonCode: body.reasonCode ?? null,
            note,
            by: actor.userId,
            at: now,
          },
          tx,
        );
        await reviews.audit(
          {
            actorId: actor.userId,
            targetType: 'review_group',
            targetId: id,
            action: body.decision,
            reasonCode: body.reasonCode ?? null,
            note,
            details: { reviews: members.length, signals: group.signals },
            at: now,
          },
          tx,
        );
      });
      return this.group(actor, id);
    },

    async queue(actor: Actor | null, queue: ModerationQueue, page: PageRequest): Promise<Page<ModerationReview>> {
      requirePermission(actor, 'moderate');
      const records = await reviews.moderationQueue(queue, page);
      const ids = records.items.map((r) => r.review.id);
      const [flags, escalations] = await Promise.all([reviews.openFlags(ids), targets.escalations(ids)]);
      return mapPage(records, (r) => toModerationReview(r, flags, escalations));
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
        if (body.decision === 'publish' && review.groupId) {
          const group = await groups.findForUpdate(review.groupId, tx);
          if (group?.status === 'open') {
            // One review of a suspected burst must not move the rating before the burst is decided.
            throw new Conflict(
              'This review is part of a suspected burst of reviews. Decide the group first (reject it, or dismiss the suspicion).',
            );
          }
        }
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
        // A reported review that stays published is not news to its author.
        if (review.status === 'pending') {
          await emails?.decided(tx, id, body.decision, body.reasonCode ?? null);
          if (body.decision !== 'publish') {
            await notifications?.notify(tx, [review.authorId], writerNotice(review.title, body, note));
          }
        }
      });
      return moderationView(id);
    },

    async auditLog(actorOrNull: Actor | null, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
      requirePermission(actorOrNull, 'read_audit_log');
      const rows = await reviews.auditLog(filter, page);
      const labels = await targets.labels(rows.items.map((r) => r.entry));
      return mapPage(rows, (row) => auditEntryOf(row, labels));
    },
  };
}
/** What the writer of a review sent back or rejected is told in the app: the reason, and that they can edit it. */
function writerNotice(title: string, body: ModerationDecisionBody, note: string | null) {
  const reason = body.reasonCode ? REJECT_REASONS[body.reasonCode] : null;
  const verb = body.decision === 'reject' ? 'could not publish' : 'asked for a change to';
  return {
    kind: body.decision === 'reject' ? 'review_rejected' : 'review_changes_requested',
    text:
      `A council moderator ${verb} your review “${title}”${reason ? `. The reason: ${reason}` : ''}` +
      `${note ? `. Their note: ${note}` : ''}. You can edit it and send it again.`,
    link: '/account/reviews',
  };
}
export type ModerationService = ReturnType<typeof createModerationService>;
