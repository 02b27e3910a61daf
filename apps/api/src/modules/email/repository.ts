// Drizzle queries for e-mail: writing to and claiming from the outbox (outbound_messages), the people and the
// review or question a notification e-mail is about, and the claim on the moderators' daily digest (email_digests).
import { and, count, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import {
  emailDigests,
  notificationPreferences,
  organisationMembers,
  outboundMessages,
  questions,
  reviews,
  services,
  users,
  type Database,
  type Executor,
  type NewOutboundMessage,
  type OutboundMessageRow,
} from '@care-assist/db';
import type { EmailNotificationKind } from '@care-assist/domain';

// The outbox writes and the recipients' lookup always run in the writer's own transaction (outbox.ts's
// queueEmail and queueNotificationEmails, which other modules call with their tx), so they take it first.

export async function insertOutboundMessage(tx: Executor, message: NewOutboundMessage): Promise<void> {
  await tx.insert(outboundMessages).values(message);
}

export async function insertOutboundMessages(tx: Executor, messages: NewOutboundMessage[]): Promise<void> {
  await tx.insert(outboundMessages).values(messages);
}

/**
 * The people among `userIds` who may get a notification e-mail (active, not erased, address verified), with
 * their preference for `kind` (null when they never set one).
 */
export async function notificationRecipients(
  tx: Executor,
  userIds: string[],
  kind: EmailNotificationKind,
): Promise<{ id: string; email: string; wants: boolean | null }[]> {
  return tx
    .select({ id: users.id, email: users.email, wants: notificationPreferences.email })
    .from(users)
    .leftJoin(
      notificationPreferences,
      and(eq(notificationPreferences.userId, users.id), eq(notificationPreferences.kind, kind)),
    )
    .where(
      and(
        inArray(users.id, userIds),
        isNull(users.disabledAt),
        isNull(users.erasedAt),
        sql`${users.emailVerifiedAt} is not null`,
      ),
    );
}

export function createEmailRepository(db: Database) {
  return {
    /**
     * Locks up to `limit` messages due now. SKIP LOCKED: another API process draining at the same moment takes
     * different rows, and a row stays locked until the sender's transaction records the outcome, so no message is
     * sent by two processes.
     */
    async claimDue(now: Date, limit: number, tx: Executor = db): Promise<OutboundMessageRow[]> {
      return tx
        .select()
        .from(outboundMessages)
        .where(
          and(
            isNull(outboundMessages.sentAt),
            isNull(outboundMessages.failedAt),
            // Within the millisecond: next_attempt_at defaults to PostgreSQL's now() (microseconds), and `now` is a
            // JavaScript Date (milliseconds, truncated), so a row queued in this very millisecond is due too.
            lt(outboundMessages.nextAttemptAt, new Date(now.getTime() + 1)),
          ),
        )
        .orderBy(outboundMessages.nextAttemptAt)
        .limit(limit)
        .for('update', { skipLocked: true });
    },

    async markSent(id: string, now: Date, tx: Executor = db): Promise<void> {
      await tx
        .update(outboundMessages)
        .set({ sentAt: now, attempts: sql`${outboundMessages.attempts} + 1`, lastError: null })
        .where(eq(outboundMessages.id, id));
    },

    async markAttemptFailed(
      id: string,
      error: string,
      retry: { nextAttemptAt: Date } | { failedAt: Date },
      tx: Executor = db,
    ): Promise<void> {
      await tx
        .update(outboundMessages)
        .set({ attempts: sql`${outboundMessages.attempts} + 1`, lastError: error.slice(0, 500), ...retry })
        .where(eq(outboundMessages.id, id));
    },

    /** A review with its author and the service (and provider organisation) it is about. */
    async reviewWithService(reviewId: string, tx: Executor = db) {
      const [row] = await tx
        .select({
          authorId: reviews.authorId,
          title: reviews.title,
          serviceName: services.name,
          slug: services.slug,
          organisationId: services.organisationId,
        })
        .from(reviews)
        .innerJoin(services, eq(services.id, reviews.serviceId))
        .where(eq(reviews.id, reviewId));
      return row;
    },

    /** A question with the service (and provider organisation) it is about. */
    async questionWithService(questionId: string, tx: Executor = db) {
      const [row] = await tx
        .select({
          body: questions.body,
          serviceName: services.name,
          slug: services.slug,
          organisationId: services.organisationId,
        })
        .from(questions)
        .innerJoin(services, eq(services.id, questions.serviceId))
        .where(eq(questions.id, questionId));
      return row;
    },

    async organisationMemberIds(organisationId: string, tx: Executor = db): Promise<string[]> {
      const rows = await tx
        .select({ id: organisationMembers.userId })
        .from(organisationMembers)
        .where(eq(organisationMembers.organisationId, organisationId));
      return rows.map((r) => r.id);
    },

    async moderatorIds(tx: Executor = db): Promise<string[]> {
      const rows = await tx
        .select({ id: users.id })
        .from(users)
        .where(inArray(users.role, ['moderator']));
      return rows.map((r) => r.id);
    },

    /** The address of an account that is neither erased nor disabled. */
    async activeUserEmail(userId: string, tx: Executor = db): Promise<{ email: string } | undefined> {
      const [row] = await tx
        .select({ email: users.email })
        .from(users)
        .where(and(eq(users.id, userId), isNull(users.erasedAt), isNull(users.disabledAt)));
      return row;
    },

    /**
     * Claims a digest kind last sent no later than `dueBefore`, stamping it sent `now` (its row is made first if
     * it has none). A conditional update, so of two processes claiming at once only one gets true.
     */
    async claimDigest(kind: string, now: Date, dueBefore: Date, tx: Executor = db): Promise<boolean> {
      await tx
        .insert(emailDigests)
        .values({ kind, lastSentAt: new Date(0) })
        .onConflictDoNothing();
      const claimed = await tx
        .update(emailDigests)
        .set({ lastSentAt: now })
        .where(
          and(eq(emailDigests.kind, kind), sql`${emailDigests.lastSentAt} <= ${dueBefore.toISOString()}::timestamptz`),
        )
        .returning({ kind: emailDigests.kind });
      return claimed.length > 0;
    },

    async countPendingReviews(tx: Executor = db): Promise<number> {
      const [waiting] = await tx.select({ n: count() }).from(reviews).where(eq(reviews.status, 'pending'));
      return waiting?.n ?? 0;
    },
  };
}
export type EmailRepository = ReturnType<typeof createEmailRepository>;
