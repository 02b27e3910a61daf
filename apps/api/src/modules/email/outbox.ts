// Queueing e-mails in the outbox (outbound_messages). Writers queue in their own transaction, so an e-mail exists
// exactly when the change it is about was committed. The queries are in repository.ts; the worker drains it.
import type { Executor } from '@care-assist/db';
import { EMAIL_KIND_INFO, type EmailNotificationKind } from '@care-assist/domain';
import { insertOutboundMessage, insertOutboundMessages, notificationRecipients } from './repository.ts';

export interface QueuedEmail {
  to: string;
  subject: string;
  body: string;
  link?: string | null;
  userId?: string | null;
  reason?: string | null;
}

export async function queueEmail(tx: Executor, email: QueuedEmail): Promise<void> {
  await insertOutboundMessage(tx, {
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
  const recipients = await notificationRecipients(tx, unique, kind);
  const info = EMAIL_KIND_INFO[kind];
  const wanted = recipients.filter((r) => r.wants ?? info.defaultOn);
  if (wanted.length === 0) return 0;
  await insertOutboundMessages(
    tx,
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
