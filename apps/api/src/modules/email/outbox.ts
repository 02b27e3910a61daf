// Writing to and claiming from the e-mail outbox (outbound_messages). Writers queue in their own transaction, so
// an e-mail exists exactly when the change it is about was committed.
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import {
  notificationPreferences,
  outboundMessages,
  users,
  type Executor,
  type OutboundMessageRow,
} from '@care-assist/db';
import { EMAIL_KIND_INFO, type EmailNotificationKind } from '@care-assist/domain';

export interface QueuedEmail {
  to: string;
  subject: string;
  body: string;
  link?: string | null;
  userId?: string | null;
  reason?: string | null;
}

export async function queueEmail(tx: Executor, email: QueuedEmail): Promise<void> {
  await tx.insert(outboundMessages).values({
    to: email.to,
    subject: email.subject,
    body: email.body,
    link: email.link ?? null,
    userId: email.userId ?? null,
    reason: email.reason ?? null,
  });
}

/**
 * A notification e-mail to each person who wants this kind (their preference, else the kind's default). Only
 * verified addresses get notifications: an address someone typed but never confirmed may not be theirs.
 */
export async function queueNotificationEmails(
  tx: Executor,
  userIds: readonly string[],
  kind: EmailNotificationKind,
  message: { subject: string; body: string; link: string },
): Promise<number> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return 0;
  const recipients = await tx
    .select({ id: users.id, email: users.email, wants: notificationPreferences.email })
    .from(users)
    .leftJoin(
      notificationPreferences,
      and(eq(notificationPreferences.userId, users.id), eq(notificationPreferences.kind, kind)),
    )
    .where(
      and(
        inArray(users.id, unique),
        isNull(users.disabledAt),
        isNull(users.erasedAt),
        sql`${users.emailVerifiedAt} is not null`,
      ),
    );
  const info = EMAIL_KIND_INFO[kind];
  const wanted = recipients.filter((r) => r.wants ?? info.defaultOn);
  if (wanted.length === 0) return 0;
  await tx.insert(outboundMessages).values(
    wanted.map((r) => ({
      to: r.email,
      subject: message.subject,
      body: message.body,
      link: message.link,
      userId: r.id,
      kind,
      reason: info.reason,
    })),
  );
  return wanted.length;
}

export function createOutboxRepository() {
  return {
    /**
     * Locks up to `limit` messages due now. SKIP LOCKED: another API process draining at the same moment takes
     * different rows, and a row stays locked until the sender's transaction records the outcome, so no message is
     * sent by two processes.
     */
    async claimDue(now: Date, limit: number, tx: Executor): Promise<OutboundMessageRow[]> {
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

    async markSent(id: string, now: Date, tx: Executor): Promise<void> {
      await tx
        .update(outboundMessages)
        .set({ sentAt: now, attempts: sql`${outboundMessages.attempts} + 1`, lastError: null })
        .where(eq(outboundMessages.id, id));
    },

    async markAttemptFailed(
      id: string,
      error: string,
      retry: { nextAttemptAt: Date } | { failedAt: Date },
      tx: Executor,
    ): Promise<void> {
      await tx
        .update(outboundMessages)
        .set({ attempts: sql`${outboundMessages.attempts} + 1`, lastError: error.slice(0, 500), ...retry })
        .where(eq(outboundMessages.id, id));
    },
  };
}
export type EmailOutboxRepository = ReturnType<typeof createOutboxRepository>;
