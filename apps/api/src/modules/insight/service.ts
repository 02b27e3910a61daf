// Council insight: who may see it (commissioners; providers only their own organisations), which summary
// each view reads and how fresh it is, and the views themselves (views/*.ts, SQL over the summary tables).
import type { Database, DbHandle } from '@care-assist/db';
import {
  INSIGHT_VIEW_LABELS,
  type InsightFilters,
  type InsightView,
  type InsightViewResponse,
} from '@care-assist/domain';
import { NotFound } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { CommissionerService } from './commissioners.ts';
import { tableToCsv } from './csv.ts';
import { resolveFilters, type ResolvedFilters } from './filters.ts';
import { INSIGHT_SUMMARIES, refreshInsight, type InsightSummary, type RefreshResult } from './refresh.ts';
import { createProviderInsight } from './provider-insight.ts';
import { brokerageView } from './views/brokerage.ts';
import { demandView } from './views/demand.ts';
import { marketView } from './views/market.ts';
import { outcomesView } from './views/outcomes.ts';
import { performanceView } from './views/performance.ts';
import { pricesView } from './views/prices.ts';
import type { ViewBody } from './views/view.ts';

const DEFAULT_ROWS = 100;

/** The summary behind each view: its refresh time is the view's freshness. */
const VIEW_SUMMARIES: Record<InsightView, InsightSummary[]> = {
  performance: ['service_facts', 'rating_months', 'spreads'],
  prices: ['service_facts', 'price_months', 'spreads'],
  market: ['service_facts'],
  demand: ['search_days'],
  brokerage: ['brokerage_months'],
  outcomes: ['outcomes'],
};

export interface InsightDeps {
  db: Database;
  query: DbHandle['query'];
  commissioners: CommissionerService;
  clock: () => Date;
}

export function createInsightService({ db, query, commissioners, clock }: InsightDeps) {
  /** The oldest refresh among the summaries (what the view's numbers are at least as fresh as). */
  async function refreshedAt(summaries: InsightSummary[]): Promise<string | null> {
    const rows = await query<{ summary: string; refreshed_at: Date }>(
      'select summary, refreshed_at from insight_refreshes where summary = any($1)',
      [summaries],
    );
    if (rows.length < summaries.length) return null;
    return new Date(Math.min(...rows.map((r) => new Date(r.refreshed_at).getTime()))).toISOString();
  }

  function build(view: InsightView, filters: ResolvedFilters, raw: InsightFilters): Promise<ViewBody> {
    const limit = raw.limit ?? DEFAULT_ROWS;
    switch (view) {
      case 'performance':
        return performanceView(query, filters, { by: raw.by ?? 'service', limit });
      case 'prices':
        return pricesView(query, filters, raw.service);
      case 'market':
        return marketView(query, filters);
      case 'demand':
        return demandView(query, filters, limit);
      case 'brokerage':
        return brokerageView(query, filters, limit);
      case 'outcomes':
        return outcomesView(query, filters, limit);
    }
  }

  async function view(actor: Actor | null, view: InsightView, raw: InsightFilters): Promise<InsightViewResponse> {
    await commissioners.requireCommissioner(actor);
    const filters = await resolveFilters(query, raw, clock());
    const [body, freshness] = await Promise.all([build(view, filters, raw), refreshedAt(VIEW_SUMMARIES[view])]);
    return {
      view,
      title: INSIGHT_VIEW_LABELS[view],
      refreshedAt: freshness,
      filters: {
        from: filters.from,
        to: filters.to,
        county: filters.county,
        district: filters.district,
        careType: filters.careType,
        sector: filters.sector,
      },
      ...body,
    };
  }

  return {
    view,

    /** A provider's own organisation (members only). */
    provider: createProviderInsight({ query, clock }),

    /** One table of a view as CSV; the first table unless `tableId` names another. */
    async csv(
      actor: Actor | null,
      name: InsightView,
      raw: InsightFilters,
      tableId?: string,
    ): Promise<{ filename: string; body: string }> {
      const result = await view(actor, name, raw);
      const table = tableId ? result.tables.find((t) => t.id === tableId) : result.tables[0];
      if (!table) throw new NotFound(`The ${name} view has no table called "${tableId}".`);
      return {
        filename: `care-assist-${name}-${table.id}-${result.filters.from}-to-${result.filters.to}.csv`,
        body: tableToCsv(table, result.refreshedAt),
      };
    },

    async refresh(actor: Actor | null): Promise<RefreshResult> {
      await commissioners.requireCommissioner(actor);
      return refreshInsight(db, clock());
    },

    /** For the scheduler and the seed: no actor, no check. */
    refreshNow: () => refreshInsight(db, clock()),

    /** The oldest summary's refresh time; null while any summary (a new one, say) has never been built. */
    async lastRefreshedAt(): Promise<Date | null> {
      const [row] = await query<{ at: Date | null; summaries: string }>(
        'select min(refreshed_at) as at, count(*) as summaries from insight_refreshes where summary = any($1)',
        [INSIGHT_SUMMARIES],
      );
      if (!row?.at || Number(row.summaries) < INSIGHT_SUMMARIES.length) return null;
      return new Date(row.at);
    },
  };
}
export type InsightService = ReturnType<typeof createInsightService>;
