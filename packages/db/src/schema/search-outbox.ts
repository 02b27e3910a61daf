// The transactional outbox that keeps the search index in step with Postgres. Whoever changes a service
// or its rating writes a row here in the same transaction; a worker drains it into the search index. A statement
// trigger (migration 0014) NOTIFYs `search_outbox` on insert, so a listening worker wakes at commit.
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
    /** The worker that holds (or last held) the row's lease; available_at is the lease's end while it runs. */
    leaseOwner: text('lease_owner'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('search_outbox_pending_idx')
      .on(t.availableAt)
      .where(sql`${t.processedAt} is null`),
  ],
);
