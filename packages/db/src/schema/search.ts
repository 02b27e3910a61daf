// Search: the anonymous record of every search (the council's demand insight).
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per search. Deliberately anonymous: no user id, no session, no full postcode (only its outcode
 * district, e.g. "CM1"), so the table can be shared for demand analysis without identifying anyone.
 */
export const searchEvents = pgTable(
  'search_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    query: text('query'),
    /** The filters and sort as asked, without the location (which is only `outcode`). */
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
    outcode: text('outcode'),
    /** A place name typed instead of a postcode ("Chelmsford"), which identifies nobody. */
    place: text('place'),
    resultCount: integer('result_count').notNull(),
    backend: text('backend').$type<'meilisearch' | 'postgres'>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('search_events_occurred_idx').on(t.occurredAt)],
);
