// What a moderator does with a review that says someone may be at risk, besides deciding it: pass the concern
// on (escalate, recording who passed it to whom) and write to the review's writer. Both are audited in the
// same transaction; the review's own status does not change, so it stays in the queue until it is decided.
import type { ContactWriterBody, EscalateBody, ModerationReview } from '@care-assist/domain';
import type { Database } from '@care-assist/db';
import { requirePermission } from '../../access.ts';
import { NotFound, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { ReviewEmails } from '../email/review-emails.ts';
import type { NotificationService } from '../notifications/service.ts';
import type { ReviewRepository } from '../reviews/repository.ts';

interface SafeguardingDeps {
  db: Database;
  reviews: ReviewRepository;
  clock: () => Date;
  emails?: ReviewEmails;
  notifications?: NotificationService;
  moderationView: (id: string) => Promise<ModerationReview>;
}

export function createSafeguardingActions({
  db,
  reviews,
  clock,
  emails,
  notifications,
  moderationView,
}: SafeguardingDeps) {
  return {
    /** Record that this moderator passed the review's concern to a safeguarding team (or the police, the CQC...). */
    async escalate(actorOrNull: Actor | null, id: string, body: EscalateBody): Promise<ModerationReview> {
      const actor = requirePermission(actorOrNull, 'moderate');
      await db.transaction(async (tx) => {
        const review = await reviews.findForUpdate(id, tx);
        if (!review) throw new NotFound('There is no review with that id.');
        await reviews.audit(
          {
            actorId: actor.userId,
            targetType: 'review',
            targetId: id,
            action: 'escalate',
            note: body.note?.trim() || null,
            details: { to: body.to, status: review.status },
            at: clock(),
          },
          tx,
        );
      });
      return moderationView(id);
    },

    /**
     * Write to the review's writer (by e-mail, and in the app): to ask whether the person is safe, for more
     * detail, or to say what happens next. Sent whatever their e-mail preferences: it is about their review.
     */
    async contactWriter(actorOrNull: Actor | null, id: string, body: ContactWriterBody): Promise<ModerationReview> {
      const actor = requirePermission(actorOrNull, 'moderate');
      const message = body.message.trim();
      if (message.length < 10) {
        throw new ValidationFailed('Write a message to the writer.', [
          { field: 'message', message: 'Write at least 10 characters' },
        ]);
      }
      await db.transaction(async (tx) => {
        const review = await reviews.findForUpdate(id, tx);
        if (!review) throw new NotFound('There is no review with that id.');
        await emails?.writerContacted(tx, id, message);
        await notifications?.notify(tx, [review.authorId], {
          kind: 'moderator_message',
          text: `A council moderator wrote about your review “${review.title}”: ${message}`,
          link: '/account/reviews',
        });
        await reviews.audit(
          {
            actorId: actor.userId,
            targetType: 'review',
            targetId: id,
            action: 'contact_writer',
            note: message,
            details: { status: review.status },
            at: clock(),
          },
          tx,
        );
      });
      return moderationView(id);
    },
  };
}
