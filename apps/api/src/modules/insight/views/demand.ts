// Unmet demand: searches that found nothing or only one or two services, by area and care type and month,
// from the anonymous search log. Searches are made by people, so every count is suppressed below 5 (with
// complementary suppression down each column); shares are only shown where both counts are.
import { CARE_TYPES, SUPPRESSED_LABEL, type InsightCell } from '@care-assist/domain';
import type { DbHandle } from '@care-assist/db';
import { countColumn, round, shownTotals } from '../cells.ts';
import type { ResolvedFilters } from '../filters.ts';
import type { ViewBody } from './view.ts';

function searchConditions(filters: ResolvedFilters, params: unknown[]): string {
  params.push(filters.from, filters.to);
  const conditions = ['d.day between $1::date and $2::date'];
  if (filters.county) conditions.push(`d.county = $${params.push(filters.county)}`);
  if (filters.district) conditions.push(`d.district = $${params.push(filters.district)}`);
  if (filters.careType) conditions.push(`d.care_type = $${params.push(filters.careType)}`);
  return `where ${conditions.join(' and ')}`;
}

/** A percentage, shown only when both of its counts are. */
const share = (part: InsightCell, whole: InsightCell): InsightCell => {
  if (typeof part !== 'number' || typeof whole !== 'number') return SUPPRESSED_LABEL;
  return whole > 0 ? round((100 * part) / whole, 1) : null;
};

export async function demandView(query: DbHandle['query'], filters: ResolvedFilters, limit: number): Promise<ViewBody> {
  const params: unknown[] = [];
  const where = searchConditions(filters, params);
  const byAreaQuery = query<{
    district: string | null;
    county: string | null;
    care_type: string | null;
    searches: string;
    no_results: string;
    few_results: string;
    matched: string;
  }>(
    `select d.district, min(d.county) as county, d.care_type, sum(d.searches) as searches, sum(d.no_results) as no_results,
       sum(d.few_results) as few_results, count(*) over () as matched
     from insight_search_days d ${where}
     group by d.district, d.care_type
     order by sum(d.no_results) desc, sum(d.searches) desc, 1, 3 limit $${params.push(limit)}`,
    params,
  );
  const monthParams: unknown[] = [];
  const monthWhere = searchConditions(filters, monthParams);
  const byMonthQuery = query<{ month: string; searches: string; no_results: string; few_results: string }>(
    `select to_char(date_trunc('month', d.day), 'YYYY-MM') as month, sum(d.searches) as searches,
       sum(d.no_results) as no_results, sum(d.few_results) as few_results
     from insight_search_days d ${monthWhere} group by 1 order by 1`,
    monthParams,
  );
  // Independent queries: run them at once.
  const [byArea, byMonth] = await Promise.all([byAreaQuery, byMonthQuery]);
  const searches = countColumn(byArea.map((r) => Number(r.searches)));
  const none = countColumn(byArea.map((r) => Number(r.no_results)));
  const few = countColumn(byArea.map((r) => Number(r.few_results)));
  const areaRows = byArea.map((r, i) => ({
    area: r.district ? `${r.district}${r.county ? `, ${r.county}` : ''}` : (r.county ?? 'Town name or no place'),
    care_type: r.care_type ? (CARE_TYPES[r.care_type as keyof typeof CARE_TYPES] ?? r.care_type) : 'Any care type',
    searches: searches[i]!,
    no_results: none[i]!,
    few_results: few[i]!,
    share_none: share(none[i]!, searches[i]!),
  }));

  const monthSearches = countColumn(byMonth.map((r) => Number(r.searches)));
  const monthNone = countColumn(byMonth.map((r) => Number(r.no_results)));
  const monthFew = countColumn(byMonth.map((r) => Number(r.few_results)));
  const monthRows = byMonth.map((r, i) => ({
    month: r.month,
    searches: monthSearches[i]!,
    no_results: monthNone[i]!,
    few_results: monthFew[i]!,
    share_none: share(monthNone[i]!, monthSearches[i]!),
  }));
  const totals = shownTotals(monthRows, ['searches', 'no_results', 'few_results']);
  const worst = areaRows.find((r) => typeof r.no_results === 'number' && r.no_results > 0);
  return {
    summary: monthRows.length
      ? [
          `${Number(totals.searches)} searches in the period (shown months), ${Number(totals.no_results)} of them found nothing and ${Number(totals.few_results)} found only one or two services.`,
          worst
            ? `Most unanswered: ${worst.care_type.toLowerCase()} in ${worst.area} (${worst.no_results} searches found nothing).`
            : '',
        ].filter(Boolean)
      : ['No searches in these filters and dates.'],
    notes: [
      'From the anonymous search log: the words, filters and postcode district of each search, never who searched.',
      'A search counts as finding nothing within the radius the person chose (15 km unless they changed it).',
      'The sector filter does not apply to searches.',
    ],
    tables: [
      {
        id: 'areas',
        caption: 'Searches by postcode district and care type, most unanswered first',
        columns: [
          { key: 'area', label: 'Area', kind: 'text' },
          { key: 'care_type', label: 'Care type', kind: 'text' },
          { key: 'searches', label: 'Searches', kind: 'count' },
          { key: 'no_results', label: 'Found nothing', kind: 'count' },
          { key: 'few_results', label: 'Found 1 or 2', kind: 'count' },
          { key: 'share_none', label: 'Found nothing (%)', kind: 'percent' },
        ],
        rows: areaRows,
        totals: shownTotals(areaRows, ['searches', 'no_results', 'few_results']),
        matchedRows: Number(byArea[0]?.matched ?? 0),
      },
      {
        id: 'months',
        caption: 'Searches by month',
        columns: [
          { key: 'month', label: 'Month', kind: 'text' },
          { key: 'searches', label: 'Searches', kind: 'count' },
          { key: 'no_results', label: 'Found nothing', kind: 'count' },
          { key: 'few_results', label: 'Found 1 or 2', kind: 'count' },
          { key: 'share_none', label: 'Found nothing (%)', kind: 'percent' },
        ],
        rows: monthRows,
        totals,
        matchedRows: monthRows.length,
      },
    ],
    charts: [
      {
        id: 'months',
        title: 'Searches by month: all, found nothing, found one or two',
        kind: 'line',
        categories: monthRows.map((r) => r.month),
        series: [
          { name: 'Searches', data: monthRows.map((r) => (typeof r.searches === 'number' ? r.searches : null)) },
          {
            name: 'Found nothing',
            data: monthRows.map((r) => (typeof r.no_results === 'number' ? r.no_results : null)),
          },
          {
            name: 'Found 1 or 2',
            data: monthRows.map((r) => (typeof r.few_results === 'number' ? r.few_results : null)),
          },
        ],
        valueLabel: 'Searches',
      },
    ],
  };
}
