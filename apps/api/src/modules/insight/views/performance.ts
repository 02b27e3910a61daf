// Provider performance: a league table by service or by provider, each against the area's spread (median and
// quartiles of the ranking scores of services with at least 5 reviewers in the same filters). Ratings are as
// residents see them now (last 24 months); the date range does not apply here.
import {
  CQC_RATINGS,
  QUARTILE_POSITION_LABELS,
  REVIEW_CATEGORIES,
  REVIEW_CATEGORY_LABELS,
  SMALL_NUMBER_THRESHOLD,
  quartilePosition,
  type InsightColumn,
  type InsightCell,
  type InsightTable,
} from '@care-assist/domain';
import type { DbHandle } from '@care-assist/db';
import { countColumn, fromPeople, num, round, shownTotals } from '../cells.ts';
import { serviceFactConditions, spreadKey, whereClause, type ResolvedFilters } from '../filters.ts';
import type { ViewBody } from './view.ts';

const KEY_QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led'] as const;
const KEY_QUESTION_LABELS: Record<(typeof KEY_QUESTIONS)[number], string> = {
  safe: 'CQC safe',
  effective: 'CQC effective',
  caring: 'CQC caring',
  responsive: 'CQC responsive',
  well_led: 'CQC well-led',
};

interface Spread {
  lowerQuartile: number;
  median: number;
  upperQuartile: number;
  count: number;
}

async function areaSpread(query: DbHandle['query'], filters: ResolvedFilters): Promise<Spread | null> {
  const key = spreadKey(filters);
  if (key) {
    const [row] = await query<{ lower_quartile: number; median: number; upper_quartile: number; services: number }>(
      `select lower_quartile, median, upper_quartile, services from insight_spreads
       where measure = 'ranking' and county = $1 and care_type = $2 and sector = $3`,
      [key.county, key.careType, key.sector],
    );
    return row
      ? {
          lowerQuartile: row.lower_quartile,
          median: row.median,
          upperQuartile: row.upper_quartile,
          count: Number(row.services),
        }
      : null;
  }
  const params: unknown[] = [SMALL_NUMBER_THRESHOLD];
  const conditions = [...serviceFactConditions(filters, params), 'f.reviewers >= $1', 'f.ranking_score is not null'];
  const [row] = await query<{ q: number[] | null; n: string }>(
    `select percentile_cont(array[0.25, 0.5, 0.75]) within group (order by f.ranking_score) as q, count(*) as n
     from insight_service_facts f ${whereClause(conditions)}`,
    params,
  );
  if (!row?.q || Number(row.n) === 0) return null;
  return { lowerQuartile: row.q[0]!, median: row.q[1]!, upperQuartile: row.q[2]!, count: Number(row.n) };
}

/**
 * Reviews published within the date range (whole months, from insight_rating_months) and their mean overall
 * rating, per shown service or provider: the part of the view the date range changes.
 */
async function reviewsInRange(
  query: DbHandle['query'],
  filters: ResolvedFilters,
  key: 'service_id' | 'organisation_id',
  ids: string[],
): Promise<Map<string, { reviews: number; mean: number | null }>> {
  const found = new Map<string, { reviews: number; mean: number | null }>();
  if (ids.length === 0) return found;
  const params: unknown[] = [filters.from, filters.to, ids];
  const conditions = [
    ...serviceFactConditions(filters, params),
    `f.${key} = any($3::uuid[])`,
    `m.month >= date_trunc('month', $1::date)::date`,
    `m.month <= $2::date`,
  ];
  // Services are already chosen by the filters: their months only (the (service, month) index).
  const rows =
    key === 'service_id'
      ? await query<{ id: string; reviews: string; total: string }>(
          `select m.service_id as id, sum(m.reviews) as reviews, sum(m.sum_overall) as total
           from insight_rating_months m
           where m.service_id = any($3::uuid[]) and m.month >= date_trunc('month', $1::date)::date and m.month <= $2::date
           group by 1`,
          [filters.from, filters.to, ids],
        )
      : await query<{ id: string; reviews: string; total: string }>(
          `select f.${key} as id, sum(m.reviews) as reviews, sum(m.sum_overall) as total
           from insight_service_facts f join insight_rating_months m on m.service_id = f.service_id
           ${whereClause(conditions)} group by 1`,
          params,
        );
  for (const row of rows) {
    const reviews = Number(row.reviews);
    found.set(row.id, { reviews, mean: reviews ? Number(row.total) / reviews : null });
  }
  return found;
}

/** Adds "Reviews in the range" and "Mean rating in the range" to each row (suppressed under 5 reviews). */
function addRangeColumns(
  rows: Record<string, InsightCell>[],
  ids: string[],
  inRange: Map<string, { reviews: number; mean: number | null }>,
) {
  const counts = ids.map((id) => inRange.get(id)?.reviews ?? 0);
  const cells = countColumn(counts);
  rows.forEach((row, index) => {
    const found = inRange.get(ids[index]!);
    row.reviews_in_range = cells[index]!;
    row.mean_in_range = fromPeople(found?.reviews ?? 0, round(found?.mean ?? null));
  });
}

const RANGE_COLUMNS: InsightColumn[] = [
  { key: 'reviews_in_range', label: 'Reviews in the date range', kind: 'count' },
  { key: 'mean_in_range', label: 'Mean rating in the date range', kind: 'number' },
];

const cqcLabel = (code: string | null | undefined): string =>
  code ? (CQC_RATINGS[code as keyof typeof CQC_RATINGS] ?? code) : 'Not rated';

function positionCell(score: InsightCell, spread: Spread | null): InsightCell {
  if (typeof score !== 'number' || !spread) return null;
  return QUARTILE_POSITION_LABELS[quartilePosition(score, spread)];
}

interface ServiceFactRow {
  service_id: string;
  service_name: string;
  organisation_name: string;
  county: string;
  district: string;
  review_count: number;
  reviewers: number;
  mean_overall: number | null;
  score_out_of_ten: number | null;
  ranking_score: number | null;
  category_means: Record<string, number | null> | null;
  cqc_overall: string | null;
  cqc_key_questions: Record<string, string> | null;
  low_reviews: number;
  low_reviews_responded: number;
  median_hours_to_respond: number | null;
  safeguarding_upheld: number;
}

/** How many services match the filters: pre-computed per area, care type and sector, or counted in a district. */
async function matchingServices(query: DbHandle['query'], filters: ResolvedFilters): Promise<number> {
  const key = spreadKey(filters);
  if (key) {
    const [row] = await query<{ services: number }>(
      `select services from insight_spreads where measure = 'listed' and county = $1 and care_type = $2 and sector = $3`,
      [key.county, key.careType, key.sector],
    );
    return Number(row?.services ?? 0);
  }
  const params: unknown[] = [];
  const conditions = serviceFactConditions(filters, params);
  const [row] = await query<{ n: string }>(
    `select count(*) as n from insight_service_facts f ${whereClause(conditions)}`,
    params,
  );
  return Number(row?.n ?? 0);
}

async function byService(
  query: DbHandle['query'],
  filters: ResolvedFilters,
  limit: number,
  spread: Spread | null,
): Promise<InsightTable> {
  const params: unknown[] = [limit];
  const conditions = serviceFactConditions(filters, params);
  // league_rank is the order below, set at refresh: the first rows of an index, not a sort of every service.
  const [rows, count] = await Promise.all([
    query<ServiceFactRow>(
      `select f.* from insight_service_facts f ${whereClause(conditions)} order by f.league_rank limit $1`,
      params,
    ),
    matchingServices(query, filters),
  ]);
  const reviewCounts = countColumn(rows.map((r) => r.reviewers));
  const tableRows = rows.map((r, index) => {
    const ranking = fromPeople(r.reviewers, round(num(r.ranking_score)));
    const row: Record<string, InsightCell> = {
      rank: index + 1,
      service: r.service_name,
      provider: r.organisation_name,
      area: `${r.district}, ${r.county}`,
      // The count of reviews is shown only when the reviewers are 5 or more (and complements).
      reviews: typeof reviewCounts[index] === 'number' ? r.review_count : reviewCounts[index]!,
      mean: fromPeople(r.reviewers, round(num(r.mean_overall))),
      score: fromPeople(r.reviewers, round(num(r.score_out_of_ten), 1)),
      ranking,
      position: positionCell(ranking, spread),
    };
    for (const category of REVIEW_CATEGORIES)
      row[category] = fromPeople(r.reviewers, round(num(r.category_means?.[category] ?? null)));
    row.cqc = cqcLabel(r.cqc_overall);
    for (const question of KEY_QUESTIONS) row[`cqc_${question}`] = cqcLabel(r.cqc_key_questions?.[question]);
    row.low_reviews = fromPeople(r.low_reviews, r.low_reviews);
    row.response_rate = fromPeople(
      r.low_reviews,
      r.low_reviews ? round((100 * r.low_reviews_responded) / r.low_reviews, 1) : null,
    );
    row.median_hours = fromPeople(r.low_reviews_responded, round(num(r.median_hours_to_respond), 1));
    row.safeguarding_upheld = r.safeguarding_upheld;
    return row;
  });
  const serviceIds = rows.map((r) => r.service_id);
  addRangeColumns(tableRows, serviceIds, await reviewsInRange(query, filters, 'service_id', serviceIds));
  const columns: InsightColumn[] = [
    { key: 'rank', label: 'Rank', kind: 'count' },
    { key: 'service', label: 'Service', kind: 'text' },
    { key: 'provider', label: 'Provider', kind: 'text' },
    { key: 'area', label: 'Area', kind: 'text' },
    { key: 'reviews', label: 'Reviews', kind: 'count' },
    { key: 'mean', label: 'Mean rating (1–5)', kind: 'number' },
    { key: 'score', label: 'Score out of 10', kind: 'number' },
    { key: 'ranking', label: 'Ranking score', kind: 'number' },
    { key: 'position', label: 'Against the area', kind: 'text' },
    ...RANGE_COLUMNS,
    ...REVIEW_CATEGORIES.map((c): InsightColumn => ({ key: c, label: REVIEW_CATEGORY_LABELS[c], kind: 'number' })),
    { key: 'cqc', label: 'CQC overall', kind: 'text' },
    ...KEY_QUESTIONS.map((q): InsightColumn => ({ key: `cqc_${q}`, label: KEY_QUESTION_LABELS[q], kind: 'text' })),
    { key: 'low_reviews', label: '1–2 star reviews (24 months)', kind: 'count' },
    { key: 'response_rate', label: 'Replied to 1–2 star reviews (%)', kind: 'percent' },
    { key: 'median_hours', label: 'Median hours to reply', kind: 'hours' },
    { key: 'safeguarding_upheld', label: 'Safeguarding concerns upheld (12 months)', kind: 'count' },
  ];
  return {
    id: 'services',
    caption: 'League table of services by ranking score',
    columns,
    rows: tableRows,
    totals: shownTotals(tableRows, ['reviews', 'reviews_in_range', 'safeguarding_upheld']),
    matchedRows: count,
  };
}

interface ProviderRow {
  organisation_id: string;
  organisation_name: string;
  services: string;
  review_count: string;
  reviewers: string;
  mean_overall: number | null;
  ranking_score: number | null;
  low_reviews: string;
  low_responded: string;
  median_hours: number | null;
  safeguarding_upheld: string;
  cqc_rated: string;
  cqc_good: string;
  matched: string;
}

async function byProvider(
  query: DbHandle['query'],
  filters: ResolvedFilters,
  limit: number,
  spread: Spread | null,
): Promise<InsightTable> {
  const params: unknown[] = [SMALL_NUMBER_THRESHOLD, limit];
  const conditions = serviceFactConditions(filters, params);
  // A provider's mean and ranking are weighted by each service's reviews; its time to reply is the median
  // of its services' medians.
  const rows = await query<ProviderRow>(
    `select f.organisation_id, min(f.organisation_name) as organisation_name, count(*) as services,
       sum(f.review_count) as review_count, sum(f.reviewers) as reviewers,
       sum(f.mean_overall * f.review_count) / nullif(sum(f.review_count) filter (where f.mean_overall is not null), 0) as mean_overall,
       sum(f.ranking_score * f.review_count) / nullif(sum(f.review_count) filter (where f.ranking_score is not null), 0) as ranking_score,
       sum(f.low_reviews) as low_reviews, sum(f.low_reviews_responded) as low_responded,
       percentile_cont(0.5) within group (order by f.median_hours_to_respond) as median_hours,
       sum(f.safeguarding_upheld) as safeguarding_upheld,
       count(*) filter (where f.cqc_overall is not null) as cqc_rated,
       count(*) filter (where f.cqc_overall in ('good', 'outstanding')) as cqc_good,
       count(*) over () as matched
     from insight_service_facts f ${whereClause(conditions)}
     group by f.organisation_id
     order by (sum(f.reviewers) >= $1) desc, 7 desc nulls last, 2 limit $2`,
    params,
  );
  const reviewers = rows.map((r) => Number(r.reviewers));
  const reviewCounts = countColumn(reviewers);
  const tableRows: Record<string, InsightCell>[] = rows.map((r, index) => {
    const people = reviewers[index]!;
    const low = Number(r.low_reviews);
    const responded = Number(r.low_responded);
    const ranking = fromPeople(people, round(num(r.ranking_score)));
    return {
      rank: index + 1,
      provider: r.organisation_name,
      services: Number(r.services),
      reviews: typeof reviewCounts[index] === 'number' ? Number(r.review_count) : reviewCounts[index]!,
      mean: fromPeople(people, round(num(r.mean_overall))),
      ranking,
      position: positionCell(ranking, spread),
      cqc_good: Number(r.cqc_rated) ? `${r.cqc_good} of ${r.cqc_rated}` : 'None rated',
      low_reviews: fromPeople(low, low),
      response_rate: fromPeople(low, low ? round((100 * responded) / low, 1) : null),
      median_hours: fromPeople(responded, round(num(r.median_hours), 1)),
      safeguarding_upheld: Number(r.safeguarding_upheld),
    } satisfies Record<string, InsightCell>;
  });
  const organisationIds = rows.map((r) => r.organisation_id);
  addRangeColumns(tableRows, organisationIds, await reviewsInRange(query, filters, 'organisation_id', organisationIds));
  return {
    id: 'providers',
    caption: 'League table of providers by ranking score (weighted by reviews)',
    columns: [
      { key: 'rank', label: 'Rank', kind: 'count' },
      { key: 'provider', label: 'Provider', kind: 'text' },
      { key: 'services', label: 'Services', kind: 'count' },
      { key: 'reviews', label: 'Reviews', kind: 'count' },
      { key: 'mean', label: 'Mean rating (1–5)', kind: 'number' },
      { key: 'ranking', label: 'Ranking score', kind: 'number' },
      { key: 'position', label: 'Against the area', kind: 'text' },
      ...RANGE_COLUMNS,
      { key: 'cqc_good', label: 'CQC Good or Outstanding', kind: 'text' },
      { key: 'low_reviews', label: '1–2 star reviews (24 months)', kind: 'count' },
      { key: 'response_rate', label: 'Replied to 1–2 star reviews (%)', kind: 'percent' },
      { key: 'median_hours', label: 'Median hours to reply', kind: 'hours' },
      { key: 'safeguarding_upheld', label: 'Safeguarding concerns upheld (12 months)', kind: 'count' },
    ],
    rows: tableRows,
    totals: shownTotals(tableRows, ['services', 'reviews', 'reviews_in_range', 'safeguarding_upheld']),
    matchedRows: Number(rows[0]?.matched ?? 0),
  };
}

export async function performanceView(
  query: DbHandle['query'],
  filters: ResolvedFilters,
  options: { by: 'service' | 'provider'; limit: number },
): Promise<ViewBody> {
  const spread = await areaSpread(query, filters);
  const table =
    options.by === 'provider'
      ? await byProvider(query, filters, options.limit, spread)
      : await byService(query, filters, options.limit, spread);
  const nameKey = options.by === 'provider' ? 'provider' : 'service';
  const charted = table.rows.filter((row) => typeof row.ranking === 'number').slice(0, 15);
  const summary = spread
    ? [
        `${spread.count} services with at least ${SMALL_NUMBER_THRESHOLD} reviewers: median ranking score ${spread.median.toFixed(2)}, quartiles ${spread.lowerQuartile.toFixed(2)} and ${spread.upperQuartile.toFixed(2)}.`,
        charted[0] ? `Highest: ${String(charted[0][nameKey])} at ${Number(charted[0].ranking).toFixed(2)}.` : '',
      ].filter(Boolean)
    : [`No service in these filters has ${SMALL_NUMBER_THRESHOLD} or more reviewers yet.`];
  return {
    summary,
    notes: [
      `Ratings, scores and ranking are as residents see them today (reviews from the last 24 months). The date range (${filters.from} to ${filters.to}, whole months) sets "Reviews in the date range" and "Mean rating in the date range".`,
      'Ranking score: the recency-weighted Bayesian score used to sort search results (see the rating help page).',
      'A safeguarding concern counts as upheld when the council reviewed a review flagged for safeguarding and let it stand.',
    ],
    tables: [table],
    charts: [
      {
        id: 'ranking',
        title: `Ranking score of the top ${charted.length} ${options.by === 'provider' ? 'providers' : 'services'}, against the area median and quartiles`,
        kind: 'bar',
        categories: charted.map((row) => String(row[nameKey])),
        series: [{ name: 'Ranking score', data: charted.map((row) => row.ranking as number) }],
        valueLabel: 'Ranking score (1–5)',
        markers: spread
          ? [
              { name: 'Lower quartile', value: round(spread.lowerQuartile)! },
              { name: 'Area median', value: round(spread.median)! },
              { name: 'Upper quartile', value: round(spread.upperQuartile)! },
            ]
          : [],
      },
    ],
  };
}
