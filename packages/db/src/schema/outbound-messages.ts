// The outbox of e-mail Care Assist sends. Writers insert a row in the same transaction as the change it is about;
// the e-mail worker (apps/api/src/modules/email) delivers it over SMTP, retrying with backoff.
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * One e-mail to send. `body` is plain text; the worker adds the council's name, the footer (why the person got it,
 * a link to their preferences, a one-click unsubscribe for notification kinds) and an HTML alternative.
 * A row is pending while sent_at and failed_at are both null; a failed send is retried at next_attempt_at.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** The one link the message is about (an invitation, a reset), so tests and a sender need not parse the body. */
    link: text('link'),
    /** The account it is for, when there is one (footer links to its preferences); null once the account is erased. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** A notification kind the person can switch off (see domain EMAIL_NOTIFICATION_KINDS), or null for account mail. */
    kind: text('kind'),
    /** Why the person got it, in their words, for the footer ("You asked to reset your password."). */
    reason: text('reason'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Set when the worker gave up (after its last retry); last_error says why. */
    failedAt: timestamp('failed_at', { withTimezone: true }),
  },
  (t) => [index('outbound_messages_to_idx').on(t.to), index('outbound_messages_pending_idx').on(t.nextAttemptAt)],
);
