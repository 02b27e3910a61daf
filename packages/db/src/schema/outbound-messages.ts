// The outbox of messages Care Assist would send by e-mail (invitations and the like).
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Messages Care Assist would send by e-mail. Nothing here talks to a mail server: a sender (or a person
 * reading the table in development) picks up rows whose sent_at is null. Invitations land here.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** The one link the message is about (an invitation), so tests and a sender need not parse the body. */
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbound_messages_to_idx').on(t.to)],
);
