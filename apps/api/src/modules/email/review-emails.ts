// Notification e-mails about reviews and questions: the author hears the moderator's decision, the provider's
// members hear of a new published review and of a published question about their service, moderators hear of a
// safeguarding concern at once and of the queue daily. Each is queued in the caller's transaction and goes only to
// people whose preference for its kind is on; who they are is looked up through repository.ts in that transaction.
import type { Database, Executor } from '@care-assist/db';
import { REJECT_REASONS, SAFEGUARDING_CONTACT, type ModerationDecisionBody } from '@care-assist/domain';
import { queueEmail, queueNotificationEmails } from './outbox.ts';
import type { EmailRepository } from './repository.ts';

export function createReviewEmails({ emails, webOrigin }: { emails: EmailRepository; webOrigin: string }) {
  const memberIds = (organisationId: string | null, tx: Executor) =>
    organisationId ? emails.organisationMemberIds(organisationId, tx) : Promise.resolve([]);

  return {
    async decided(
      tx: Executor,
      reviewId: string,
      decision: ModerationDecisionBody['decision'],
      reasonCode: string | null,
    ) {
      const review = await emails.reviewWithService(reviewId, tx);
      if (!review) return;
      const mine = `${webOrigin}/account/reviews`;
      const reason =
        reasonCode && reasonCode in REJECT_REASONS ? REJECT_REASONS[reasonCode as keyof typeof REJECT_REASONS] : null;
      const [subject, body] =
        decision === 'publish'
          ? [
              `Your review of ${review.serviceName} is published`,
              `Thank you. Your review "${review.title}" of ${review.serviceName} has been published: ${webOrigin}/services/${review.slug}`,
            ]
          : decision === 'reject'
            ? [
                `Your review of ${review.serviceName} was not published`,
                `A council moderator could not publish your review "${review.title}" of ${review.serviceName}` +
                  `${reason ? `. The reason: ${reason}` : ''}. You can see it, and write it again, here: ${mine}`,
              ]
            : [
                `Your review of ${review.serviceName} needs a change`,
                `A council moderator asked for a change to your review "${review.title}" of ${review.serviceName}` +
                  `${reason ? ` (${reason})` : ''}. You can edit it here: ${mine}`,
              ];
      await queueNotificationEmails(tx, [review.authorId], 'review_decision', { subject, body, link: mine });
      if (decision === 'publish') {
        const link = `${webOrigin}/provider/reviews`;
        await queueNotificationEmails(tx, await memberIds(review.organisationId, tx), 'new_review', {
          subject: `A new review of ${review.serviceName}`,
          body: `A review of ${review.serviceName}, "${review.title}", has been published. You can reply to it: ${link}`,
          link,
        });
      }
    },

    async replied(tx: Executor, reviewId: string) {
      const review = await emails.reviewWithService(reviewId, tx);
      if (!review) return;
      const link = `${webOrigin}/services/${review.slug}`;
      await queueNotificationEmails(tx, [review.authorId], 'review_reply', {
        subject: `${review.serviceName} replied to your review`,
        body: `${review.serviceName} replied to your review "${review.title}". Read the reply: ${link}`,
        link,
      });
    },

    /**
     * To the provider's members, once a moderator publishes a question about their service: only then can they
     * see and answer it (a question waiting for moderation is not shown to the provider).
     */
    async questionPublished(tx: Executor, questionId: string) {
      const question = await emails.questionWithService(questionId, tx);
      if (!question) return;
      const link = `${webOrigin}/services/${question.slug}#questions-title`;
      const quoted = question.body.length > 300 ? `${question.body.slice(0, 297)}...` : question.body;
      await queueNotificationEmails(tx, await memberIds(question.organisationId, tx), 'new_question', {
        subject: `A question about ${question.serviceName}`,
        body:
          `Someone asked a question about ${question.serviceName}:\n\n"${quoted}"\n\n` +
          `You can answer it on the service's page, where everyone can read the answer: ${link}`,
        link,
      });
    },

    /** A moderator's own message to a review's writer: sent whatever their preferences, as it is about them. */
    async writerContacted(tx: Executor, reviewId: string, message: string) {
      const review = await emails.reviewWithService(reviewId, tx);
      if (!review) return;
      const writer = await emails.activeUserEmail(review.authorId, tx);
      if (!writer) return;
      const link = `${webOrigin}/account/reviews`;
      await queueEmail(tx, {
        to: writer.email,
        userId: review.authorId,
        subject: `About your review of ${review.serviceName}`,
        body:
          `A council moderator has read your review "${review.title}" of ${review.serviceName} and writes:\n\n` +
          `${message}\n\nIf someone is in danger now, call ${SAFEGUARDING_CONTACT.emergency}. To talk to the ` +
          `council about a worry that someone is being harmed or neglected, call ${SAFEGUARDING_CONTACT.team} on ` +
          `${SAFEGUARDING_CONTACT.phone}. Your reviews: ${link}`,
        link,
        reason: 'You wrote a review on Care Assist and a council moderator wrote to you about it.',
      });
    },

    /** At once, to every moderator: a review that may be about someone at risk. */
    async safeguarding(tx: Executor, reviewId: string) {
      const review = await emails.reviewWithService(reviewId, tx);
      if (!review) return;
      const link = `${webOrigin}/moderation`;
      await queueNotificationEmails(tx, await emails.moderatorIds(tx), 'safeguarding_flag', {
        subject: `Safeguarding: a review of ${review.serviceName} needs looking at now`,
        body:
          `A review of ${review.serviceName} was flagged as a possible safeguarding concern when it was submitted. ` +
          `Please look at it in the moderation queue today: ${link}`,
        link,
      });
    },
  };
}
export type ReviewEmails = ReturnType<typeof createReviewEmails>;

const DIGEST_KIND = 'moderation_digest';
const DAY_MS = 24 * 3_600_000;

/**
 * The moderators' daily summary of the queue. Safe to call from every API process every hour: the row in
 * email_digests is claimed with a conditional update, so only one process sends each day's digest.
 */
export function createModerationDigest({
  db,
  emails,
  clock,
  webOrigin,
}: {
  db: Database;
  emails: EmailRepository;
  clock: () => Date;
  webOrigin: string;
}) {
  return async function sendIfDue(): Promise<number> {
    return db.transaction(async (tx) => {
      const now = clock();
      const dayAgo = new Date(now.getTime() - DAY_MS);
      if (!(await emails.claimDigest(DIGEST_KIND, now, dayAgo, tx))) return 0;
      const n = await emails.countPendingReviews(tx);
      if (n === 0) return 0;
      const link = `${webOrigin}/moderation`;
      return queueNotificationEmails(tx, await emails.moderatorIds(tx), 'moderation_digest', {
        subject: `${n} review${n === 1 ? '' : 's'} waiting for moderation`,
        body: `${n} review${n === 1 ? ' is' : 's are'} waiting for moderation on Care Assist. Open the queue: ${link}`,
        link,
      });
    });
  };
}
