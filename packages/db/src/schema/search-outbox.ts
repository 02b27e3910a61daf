// The transactional outbox that keeps the search index in step with Postgres. Whoever changes a service
// or its rating writes a row here in the same transaction; a worker drains it into the search index.
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const searchOutbox = pgTable(
  'search_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    aggregate: text('aggregate').$type<'service'>().notNull().default('service'),
    aggregateId: uuid('aggregate_id').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Not before this time: the worker's retry backoff. */
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('search_outbox_pending_idx')
      .on(t.availableAt)
      .where(sql`${t.processedAt} is null`),
  ],
);
