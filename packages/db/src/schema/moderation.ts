// The council's append-only audit log: every moderation or verification action on anything (a listing,
// an organisation, a review, a question...). Rows are only ever inserted, never updated or deleted.
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

export const moderationActions = pgTable(
  'moderation_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    /** What was acted on: 'service', 'organisation', 'review', 'question', 'answer', 'review_response'... */
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    /** What was done: 'publish', 'reject', 'suspend', 'request_edit', 'verify'... */
    action: text('action').notNull(),
    reasonCode: text('reason_code'),
    note: text('note'),
    /** Anything else worth keeping with the action (e.g. the status before and after). */
    details: jsonb('details').$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('moderation_actions_target_idx').on(t.targetType, t.targetId),
    index('moderation_actions_at_idx').on(t.at),
  ],
);
