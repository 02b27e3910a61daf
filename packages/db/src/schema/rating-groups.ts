// Rating groups (main care type × county; see ratingGroupKey in @care-assist/domain). `rating_groups` keeps what
// a group contributes to each member's figures, so a publish recomputes only its own service at once;
// `rating_group_refreshes` queues the whole-group recompute that then follows after commit (a worker drains it).
import { bigint, doublePrecision, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { RatingGroupFigures } from '@care-assist/domain';

export const ratingGroups = pgTable('rating_groups', {
  groupKey: text('group_key').primaryKey(),
  priorMean: doublePrecision('prior_mean').notNull(),
  medianPrices: jsonb('median_prices').$type<RatingGroupFigures['medianPrices']>().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});

/** One row per request; a worker takes every row of a group at once and deletes them after the recompute. */
export const ratingGroupRefreshes = pgTable(
  'rating_group_refreshes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    groupKey: text('group_key').notNull(),
    careType: text('care_type').notNull(),
    county: text('county').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rating_group_refreshes_group_idx').on(t.groupKey, t.id)],
);
