// Rebuilds the insight summary tables from the real tables (services, reviews, search_events, bookings,
// brokerage_fees...) in one transaction, and records when. Runs on a schedule (scheduler.ts) and on demand
// (POST /api/v1/insight/refresh). A full rebuild keeps the SQL obvious and the numbers exactly consistent with
// the source; at England scale (50,000 services, 1,000,000 reviews) it takes seconds, which a schedule can
// afford, while every dashboard request only reads the small summaries. The SQL and how each table is rebuilt
// are in refresh-repository.ts; which tables, in which order and in which transaction is here.
import type { Database } from '@care-assist/db';
import { createRefreshRepository, type InsightTable } from './refresh-repository.ts';

/** The summaries, in the order they are rebuilt; each has its own refresh time. */
export const INSIGHT_SUMMARIES = [
  'service_facts',
  'search_days',
  'brokerage_months',
  'rating_months',
  'price_months',
  'outcomes',
  'spreads',
] as const;
export type InsightSummary = (typeof INSIGHT_SUMMARIES)[number];

/** The tables behind each summary, rebuilt in the order listed. */
const SUMMARY_TABLES: Record<InsightSummary, InsightTable[]> = {
  service_facts: ['insight_service_facts'],
  search_days: ['insight_search_days'],
  brokerage_months: ['insight_brokerage_months'],
  rating_months: ['insight_rating_months'],
  price_months: ['insight_price_months'],
  outcomes: ['insight_outcome_answers', 'insight_outcome_admissions'],
  // After service_facts, rating_months and price_months, which it summarises.
  spreads: ['insight_spreads', 'insight_price_month_medians', 'insight_rating_month_medians'],
};

export interface RefreshResult {
  refreshedAt: Date;
  durationsMs: Record<InsightSummary, number>;
}

export async function refreshInsight(db: Database, now: Date): Promise<RefreshResult> {
  const refresh = createRefreshRepository(db);
  const durationsMs = {} as Record<InsightSummary, number>;
  await db.transaction(async (tx) => {
    // One rebuild at a time; a second caller waits and then rebuilds from fresher data.
    await refresh.lock(tx);
    for (const summary of INSIGHT_SUMMARIES) {
      const started = performance.now();
      for (const table of SUMMARY_TABLES[summary]) await refresh.rebuild(table, now, tx);
      durationsMs[summary] = Math.round(performance.now() - started);
      await refresh.recordRefresh(summary, now, durationsMs[summary], tx);
    }
    // Fresh statistics for the rebuilt tables, so the views' plans fit what is in them now.
    await refresh.analyze(
      INSIGHT_SUMMARIES.flatMap((summary) => SUMMARY_TABLES[summary]),
      tx,
    );
  });
  return { refreshedAt: now, durationsMs };
}
