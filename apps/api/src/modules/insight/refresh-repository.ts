// Queries of the insight refresh: how each summary table is rebuilt (emptied and filled again from the real
// tables, or from summary tables rebuilt before it), the lock that lets one refresh run at a time, the record
// of when each summary was rebuilt, and fresh planner statistics afterwards. The SQL of each fill is in
// refresh-summaries.ts, refresh-spreads.ts and refresh-outcomes.ts; which tables, in which order and in which
// transaction is refresh.ts.
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '@care-assist/db';
import { outcomeAdmissions, outcomeAnswers } from './refresh-outcomes.ts';
import { leagueRanks, priceMonthMedians, ratingMonthMedians, spreads } from './refresh-spreads.ts';
import { brokerageMonths, priceMonths, ratingMonths, searchDays, serviceFacts } from './refresh-summaries.ts';

interface TableRebuild {
  /** The insert that fills the table. */
  fill: (now: Date) => SQL;
  /** Keep the rows already there (the fill adds or updates this month's) instead of emptying the table first. */
  keep?: true;
  /** Run over the table once it is filled. */
  then?: SQL;
}

const REBUILDS = {
  insight_service_facts: { fill: serviceFacts, then: leagueRanks },
  insight_search_days: { fill: () => searchDays },
  insight_brokerage_months: { fill: () => brokerageMonths },
  insight_rating_months: { fill: () => ratingMonths },
  // Prices have no history of their own: the months recorded by earlier refreshes are the history.
  insight_price_months: { fill: priceMonths, keep: true },
  insight_outcome_answers: { fill: () => outcomeAnswers },
  insight_outcome_admissions: { fill: () => outcomeAdmissions },
  insight_spreads: { fill: () => spreads },
  insight_price_month_medians: { fill: () => priceMonthMedians },
  insight_rating_month_medians: { fill: () => ratingMonthMedians },
} satisfies Record<string, TableRebuild>;
export type InsightTable = keyof typeof REBUILDS;

export function createRefreshRepository(db: Database) {
  return {
    /** Serialises refreshes: a second caller waits for the first to commit. */
    async lock(tx: Executor): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('insight_refresh'))`);
    },

    /** Empties the table (unless it keeps its rows) and fills it again. */
    async rebuild(table: InsightTable, now: Date, tx: Executor = db): Promise<void> {
      const { fill, keep, then }: TableRebuild = REBUILDS[table];
      // The table name is one of the keys above, never input.
      if (!keep) await tx.execute(sql.raw(`delete from ${table}`));
      await tx.execute(fill(now));
      if (then) await tx.execute(then);
    },

    /** Records when a summary was rebuilt (shown on every view) and how long it took. */
    async recordRefresh(summary: string, refreshedAt: Date, durationMs: number, tx: Executor = db): Promise<void> {
      await tx.execute(sql`
        insert into insight_refreshes (summary, refreshed_at, duration_ms) values (${summary}, ${refreshedAt}, ${durationMs})
        on conflict (summary) do update set refreshed_at = excluded.refreshed_at, duration_ms = excluded.duration_ms`);
    },

    /** Fresh statistics for rebuilt tables, so the views' plans fit what is in them now. */
    async analyze(tables: readonly InsightTable[], tx: Executor = db): Promise<void> {
      await tx.execute(sql.raw(`analyze ${tables.join(', ')}`));
    },
  };
}
export type RefreshRepository = ReturnType<typeof createRefreshRepository>;
