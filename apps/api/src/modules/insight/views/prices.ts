// Prices: median and quartiles of each price unit by care type (over the filtered services), how the median
// moved month by month (from the monthly price snapshots), and where one service sits. Prices are published
// by providers on their listings, not about people, so they are not suppressed.
import {
  CARE_TYPES,
  PRICE_UNITS,
  QUARTILE_POSITION_LABELS,
  quartilePosition,
  type InsightCell,
  type PriceUnit,
} from '@care-assist/domain';
import type { DbHandle } from '@care-assist/db';
import { ValidationFailed } from '../../../errors.ts';
import { round } from '../cells.ts';
import { serviceFactConditions, spreadKey, whereClause, type ResolvedFilters } from '../filters.ts';
import type { ViewBody } from './view.ts';

/** One row per (row of `alias`, price unit), with the unit's price (null when it does not charge that way). */
const unitPrices = (alias: string) => `
  select ${alias}.care_type, u.unit, u.price from ${alias} cross join lateral (values
    ('hour', ${alias}.price_per_hour_pence), ('visit', ${alias}.price_per_visit_pence),
    ('night', ${alias}.price_per_night_pence), ('week', ${alias}.price_per_week_pence)) as u(unit, price)`;

interface SpreadRow {
  care_type: string;
  unit: PriceUnit;
  n: string;
  min: number;
  q: number[];
  max: number;
}

type TrendRow = { month: string; unit: PriceUnit; median: number; n: string };
type SpreadKey = NonNullable<ReturnType<typeof spreadKey>>;

/** The spread per care type and unit, read from the refresh's pre-computed spreads. */
function precomputedSpreads(query: DbHandle['query'], key: SpreadKey): Promise<SpreadRow[]> {
  return query<SpreadRow>(
    `select care_type, substr(measure, 7) as unit, services as n, lowest as min,
       array[lower_quartile, median, upper_quartile] as q, highest as max
     from insight_spreads
     where measure like 'price\\_%' and county = $1 and sector = $3
       and (care_type = $2 or ($2 = '*' and care_type <> '*'))
     order by 1, 2`,
    [key.county, key.careType, key.sector],
  );
}

/** The monthly median per unit, from the refresh's pre-computed medians. */
function precomputedTrend(query: DbHandle['query'], key: SpreadKey, filters: ResolvedFilters): Promise<TrendRow[]> {
  return query<TrendRow>(
    `select to_char(month, 'YYYY-MM') as month, unit, median, services as n from insight_price_month_medians
     where county = $1 and care_type = $2 and sector = $3 and month between date_trunc('month', $4::date) and $5::date
     order by 1, 2`,
    [key.county, key.careType, key.sector, filters.from, filters.to],
  );
}

/** The same spread computed from the services (a postcode district: a few dozen services). */
function liveSpreads(query: DbHandle['query'], filters: ResolvedFilters): Promise<SpreadRow[]> {
  const params: unknown[] = [];
  const conditions = serviceFactConditions(filters, params);
  const careTypeCondition = filters.careType ? `and p.care_type = $${params.push(filters.careType)}` : '';
  return query<SpreadRow>(
    `with facts as (
       select f.service_id, unnest(f.care_types) as care_type, f.price_per_hour_pence, f.price_per_visit_pence,
         f.price_per_night_pence, f.price_per_week_pence
       from insight_service_facts f ${whereClause(conditions)}
     ), p as (${unitPrices('facts')})
     select p.care_type, p.unit, count(*) as n, min(p.price) as min,
       percentile_cont(array[0.25, 0.5, 0.75]) within group (order by p.price) as q, max(p.price) as max
     from p where p.price is not null ${careTypeCondition}
     group by 1, 2 order by 1, 2`,
    params,
  );
}

function liveTrend(query: DbHandle['query'], filters: ResolvedFilters): Promise<TrendRow[]> {
  const trendParams: unknown[] = [filters.from, filters.to];
  const trendConditions = [
    ...serviceFactConditions(filters, trendParams),
    `m.month between date_trunc('month', $1::date) and $2::date`,
  ];
  return query<TrendRow>(
    `with m as (select m.* from insight_price_months m join insight_service_facts f on f.service_id = m.service_id
       ${whereClause(trendConditions)}),
     p as (select m.month, u.unit, u.price from m cross join lateral (values
       ('hour', m.price_per_hour_pence), ('visit', m.price_per_visit_pence), ('night', m.price_per_night_pence), ('week', m.price_per_week_pence)) as u(unit, price))
     select to_char(month, 'YYYY-MM') as month, unit, percentile_cont(0.5) within group (order by price) as median, count(*) as n
     from p where price is not null group by 1, 2 order by 1, 2`,
    trendParams,
  );
}

export async function pricesView(
  query: DbHandle['query'],
  filters: ResolvedFilters,
  serviceSlug: string | undefined,
): Promise<ViewBody> {
  const key = spreadKey(filters);
  const [spreads, trend] = key
    ? await Promise.all([precomputedSpreads(query, key), precomputedTrend(query, key, filters)])
    : await Promise.all([liveSpreads(query, filters), liveTrend(query, filters)]);
  const rows = spreads.map((s) => ({
    care_type: CARE_TYPES[s.care_type as keyof typeof CARE_TYPES] ?? s.care_type,
    unit: PRICE_UNITS[s.unit],
    services: Number(s.n),
    min: s.min,
    lower_quartile: round(s.q[0]!, 0),
    median: round(s.q[1]!, 0),
    upper_quartile: round(s.q[2]!, 0),
    max: s.max,
  }));

  // The median of each unit month by month, within the date range.
  const months = [...new Set(trend.map((t) => t.month))];
  const trendRows = trend.map((t) => ({
    month: t.month,
    unit: PRICE_UNITS[t.unit],
    services: Number(t.n),
    median: round(t.median, 0),
  }));

  const tables: ViewBody['tables'] = [
    {
      id: 'spread',
      caption: 'Prices by care type and unit (pence): lowest, quartiles, median, highest',
      columns: [
        { key: 'care_type', label: 'Care type', kind: 'text' },
        { key: 'unit', label: 'Unit', kind: 'text' },
        { key: 'services', label: 'Services', kind: 'count' },
        { key: 'min', label: 'Lowest', kind: 'pence' },
        { key: 'lower_quartile', label: 'Lower quartile', kind: 'pence' },
        { key: 'median', label: 'Median', kind: 'pence' },
        { key: 'upper_quartile', label: 'Upper quartile', kind: 'pence' },
        { key: 'max', label: 'Highest', kind: 'pence' },
      ],
      rows,
      matchedRows: rows.length,
    },
    {
      id: 'trend',
      caption: 'Median price by month and unit (pence)',
      columns: [
        { key: 'month', label: 'Month', kind: 'text' },
        { key: 'unit', label: 'Unit', kind: 'text' },
        { key: 'services', label: 'Services', kind: 'count' },
        { key: 'median', label: 'Median', kind: 'pence' },
      ],
      rows: trendRows,
      matchedRows: trendRows.length,
    },
  ];

  const summary: string[] = [];
  if (serviceSlug) {
    const [service] = await query<{
      service_name: string;
      care_types: string[];
      price_per_hour_pence: number | null;
      price_per_visit_pence: number | null;
      price_per_night_pence: number | null;
      price_per_week_pence: number | null;
    }>(
      'select service_name, care_types, price_per_hour_pence, price_per_visit_pence, price_per_night_pence, price_per_week_pence from insight_service_facts where slug = $1',
      [serviceSlug],
    );
    if (!service)
      throw new ValidationFailed(`No published service has the address "${serviceSlug}".`, [
        { field: 'service', message: 'Choose a published service' },
      ]);
    const placed: Record<string, InsightCell>[] = [];
    for (const spread of spreads) {
      if (!service.care_types.includes(spread.care_type)) continue;
      const price = service[`price_per_${spread.unit}_pence` as const];
      if (price === null) continue;
      const position =
        QUARTILE_POSITION_LABELS[
          quartilePosition(price, { lowerQuartile: spread.q[0]!, median: spread.q[1]!, upperQuartile: spread.q[2]! })
        ];
      placed.push({
        care_type: CARE_TYPES[spread.care_type as keyof typeof CARE_TYPES],
        unit: PRICE_UNITS[spread.unit],
        price,
        median: round(spread.q[1]!, 0),
        position,
      });
    }
    summary.push(
      `${service.service_name}: ${placed.map((p) => `${String(p.unit)} ${String(p.position).toLowerCase()}`).join('; ') || 'no price comparable with these filters'}.`,
    );
    tables.push({
      id: 'service',
      caption: `Where ${service.service_name} sits`,
      columns: [
        { key: 'care_type', label: 'Care type', kind: 'text' },
        { key: 'unit', label: 'Unit', kind: 'text' },
        { key: 'price', label: 'Its price', kind: 'pence' },
        { key: 'median', label: 'Median', kind: 'pence' },
        { key: 'position', label: 'Position', kind: 'text' },
      ],
      rows: placed,
      matchedRows: placed.length,
    });
  }
  const hourly = rows.filter((r) => r.unit === PRICE_UNITS.hour).sort((a, b) => b.services - a.services)[0];
  if (hourly)
    summary.push(
      `${hourly.care_type}: median £${(Number(hourly.median) / 100).toFixed(2)} per hour from ${hourly.services} services (quartiles £${(Number(hourly.lower_quartile) / 100).toFixed(2)}–£${(Number(hourly.upper_quartile) / 100).toFixed(2)}).`,
    );
  if (!rows.length) summary.push('No published prices match these filters.');

  const boxUnit: PriceUnit =
    filters.careType && rows.every((r) => r.unit !== PRICE_UNITS.hour) ? (spreads[0]?.unit ?? 'hour') : 'hour';
  const boxes = spreads.filter((s) => s.unit === boxUnit);
  return {
    summary,
    notes: [
      'Quartiles by linear interpolation (PostgreSQL percentile_cont; the same as Excel QUARTILE.INC).',
      'Prices over time come from a monthly record of each listing’s prices, kept from the first refresh onwards.',
    ],
    tables,
    charts: [
      {
        id: 'spread',
        title: `Price ${PRICE_UNITS[boxUnit]} by care type: lowest, quartiles, median and highest (£)`,
        kind: 'boxplot',
        categories: boxes.map((b) => CARE_TYPES[b.care_type as keyof typeof CARE_TYPES] ?? b.care_type),
        series: [
          {
            name: `Price ${PRICE_UNITS[boxUnit]}`,
            data: boxes.map((b) => [b.min, b.q[0]!, b.q[1]!, b.q[2]!, b.max].map((p) => round(p / 100)!)),
          },
        ],
        valueLabel: `£ ${PRICE_UNITS[boxUnit]}`,
      },
      {
        id: 'trend',
        title: 'Median price by month (£)',
        kind: 'line',
        categories: months,
        series: (['hour', 'visit', 'night', 'week'] as const)
          .filter((unit) => trend.some((t) => t.unit === unit))
          .map((unit) => ({
            name: `Median ${PRICE_UNITS[unit]}`,
            data: months.map((month) => {
              const point = trend.find((t) => t.month === month && t.unit === unit);
              return point ? round(point.median / 100)! : null;
            }),
          })),
        valueLabel: '£',
      },
    ],
  };
}
