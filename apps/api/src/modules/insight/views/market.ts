// Market shape: how many services of each care type, by sector (CQC-imported organisations whose sector is not
// known show as "Not known", never as private), how many accept new clients, by organisation size and by area.
// Counts of services are facts about organisations, not people, so they are not suppressed. Capacity is what
// providers record on their listings: beds (residential care) and hours of care a week (care at home).
// The date range: the market as it stood at the end of the range (services listed by then), and how many of
// them were listed during it. Listings have no history of withdrawal, so one withdrawn since does not show.
import { CARE_TYPES, SECTORS, SECTOR_CODES, type InsightCell } from '@care-assist/domain';
import type { DbHandle } from '@care-assist/db';
import { shownTotals } from '../cells.ts';
import { serviceFactConditions, whereClause, type ResolvedFilters } from '../filters.ts';
import type { ViewBody } from './view.ts';

const SECTOR_KEYS = [...SECTOR_CODES, 'not_known'] as const;
const sectorLabel = (key: string) => (key === 'not_known' ? 'Not known' : SECTORS[key as keyof typeof SECTORS]);
const SIZE_BANDS = ['1', '2-5', '6-20', '21+'] as const;

/** The area, care type and sector filters, and "listed by the end of the date range". */
function marketConditions(filters: ResolvedFilters, params: unknown[]): string[] {
  const conditions = serviceFactConditions(filters, params);
  params.push(filters.to);
  conditions.push(`(f.listed_on is null or f.listed_on <= $${params.length}::date)`);
  return conditions;
}

export async function marketView(query: DbHandle['query'], filters: ResolvedFilters): Promise<ViewBody> {
  const params: unknown[] = [];
  const conditions = marketConditions(filters, params);
  const careTypeCondition = filters.careType ? `where c.care_type = $${params.push(filters.careType)}` : '';
  const fromParam = `$${params.push(filters.from)}::date`;
  // The three groupings are independent: run them at once.
  const byCareTypeQuery = query<{
    care_type: string;
    sector: string;
    services: string;
    accepting: string;
    beds: string | null;
    hours: string | null;
    listed_in_range: string;
  }>(
    `with c as (select unnest(f.care_types) as care_type, coalesce(f.sector, 'not_known') as sector,
         f.accepting_new_clients, f.beds, f.care_hours_per_week, f.listed_on
       from insight_service_facts f ${whereClause(conditions)})
     select c.care_type, c.sector, count(*) as services, sum(c.accepting_new_clients) as accepting,
       sum(c.beds) as beds, sum(c.care_hours_per_week) as hours,
       count(*) filter (where c.listed_on >= ${fromParam}) as listed_in_range
     from c ${careTypeCondition} group by 1, 2 order by 1, 2`,
    params,
  );
  const sizeParams: unknown[] = [];
  const sizeConditions = marketConditions(filters, sizeParams);
  const bySizeQuery = query<{ organisation_size: string; organisations: string; services: string }>(
    `select f.organisation_size, count(distinct f.organisation_id) as organisations, count(*) as services
     from insight_service_facts f ${whereClause(sizeConditions)} group by 1`,
    sizeParams,
  );
  // By county, or by district within a chosen county.
  const areaColumn = filters.county || filters.district ? 'f.district' : 'f.county';
  const areaParams: unknown[] = [];
  const areaConditions = marketConditions(filters, areaParams);
  const byAreaQuery = query<{
    area: string;
    services: string;
    accepting: string;
    organisations: string;
    beds: string | null;
    hours: string | null;
  }>(
    `select ${areaColumn} as area, count(*) as services, sum(f.accepting_new_clients) as accepting,
       count(distinct f.organisation_id) as organisations, sum(f.beds) as beds, sum(f.care_hours_per_week) as hours
     from insight_service_facts f ${whereClause(areaConditions)} group by 1 order by 2 desc, 1`,
    areaParams,
  );
  const [byCareType, bySize, byArea] = await Promise.all([byCareTypeQuery, bySizeQuery, byAreaQuery]);
  const careTypes = [...new Set(byCareType.map((r) => r.care_type))];
  const careTypeRows = careTypes.map((careType) => {
    const row: Record<string, InsightCell> = { care_type: CARE_TYPES[careType as keyof typeof CARE_TYPES] ?? careType };
    const mine = byCareType.filter((r) => r.care_type === careType);
    row.services = mine.reduce((sum, r) => sum + Number(r.services), 0);
    row.accepting = mine.reduce((sum, r) => sum + Number(r.accepting), 0);
    row.listed_in_range = mine.reduce((sum, r) => sum + Number(r.listed_in_range), 0);
    row.beds = mine.reduce((sum, r) => sum + Number(r.beds ?? 0), 0);
    row.hours = mine.reduce((sum, r) => sum + Number(r.hours ?? 0), 0);
    for (const sector of SECTOR_KEYS) row[sector] = Number(mine.find((r) => r.sector === sector)?.services ?? 0);
    return row;
  });

  const sizeRows = SIZE_BANDS.map((band) => {
    const row = bySize.find((r) => r.organisation_size === band);
    return {
      size: band === '1' ? '1 service' : `${band} services`,
      organisations: Number(row?.organisations ?? 0),
      services: Number(row?.services ?? 0),
    };
  });

  const areaRows = byArea.map((r) => ({
    area: r.area,
    organisations: Number(r.organisations),
    services: Number(r.services),
    accepting: Number(r.accepting),
    beds: Number(r.beds ?? 0),
    hours: Number(r.hours ?? 0),
  }));

  const total = areaRows.reduce((sum, r) => sum + r.services, 0);
  const accepting = areaRows.reduce((sum, r) => sum + r.accepting, 0);
  const sectorTotals = shownTotals(careTypeRows, [...SECTOR_KEYS]);
  const sectorCount = SECTOR_KEYS.reduce((sum, key) => sum + Number(sectorTotals[key]), 0);
  const largestSector = SECTOR_KEYS.map((key) => ({ key, n: Number(sectorTotals[key]) })).sort((a, b) => b.n - a.n)[0];
  return {
    summary: total
      ? [
          `${total} published services, ${accepting} (${Math.round((100 * accepting) / total)}%) accepting new clients.`,
          largestSector && sectorCount
            ? `${sectorLabel(largestSector.key)} providers run the most (${Math.round((100 * largestSector.n) / sectorCount)}% of care type listings); ${Number(sectorTotals.not_known)} listings are from organisations whose sector is not known.`
            : '',
        ].filter(Boolean)
      : ['No published services match these filters.'],
    notes: [
      'A service offering several care types counts once under each of them in the care type table.',
      'Sector "Not known": organisations created from the CQC directory, which does not record sector, until their provider says.',
      `The market as it stood on ${filters.to}: services listed by then (listings withdrawn since are not kept, so they do not show); "Listed in the range" counts those listed from ${filters.from}.`,
      'Capacity as providers record it on their listings: beds for care and nursing homes, respite and extra care; hours of care a week for care at home. Listings that do not say add nothing.',
    ],
    tables: [
      {
        id: 'care-types',
        caption: 'Services by care type and sector',
        columns: [
          { key: 'care_type', label: 'Care type', kind: 'text' },
          { key: 'services', label: 'Services', kind: 'count' },
          { key: 'accepting', label: 'Accepting new clients', kind: 'count' },
          { key: 'listed_in_range', label: 'Listed in the range', kind: 'count' },
          { key: 'beds', label: 'Beds', kind: 'count' },
          { key: 'hours', label: 'Care hours a week', kind: 'count' },
          ...SECTOR_KEYS.map((key) => ({ key, label: sectorLabel(key), kind: 'count' as const })),
        ],
        rows: careTypeRows,
        totals: shownTotals(careTypeRows, [
          'services',
          'accepting',
          'listed_in_range',
          'beds',
          'hours',
          ...SECTOR_KEYS,
        ]),
        matchedRows: careTypeRows.length,
      },
      {
        id: 'sizes',
        caption: 'Organisations by size (published services they run)',
        columns: [
          { key: 'size', label: 'Organisation size', kind: 'text' },
          { key: 'organisations', label: 'Organisations', kind: 'count' },
          { key: 'services', label: 'Services', kind: 'count' },
        ],
        rows: sizeRows,
        totals: shownTotals(sizeRows, ['organisations', 'services']),
        matchedRows: sizeRows.length,
      },
      {
        id: 'areas',
        caption: filters.county || filters.district ? 'Services by postcode district' : 'Services by county',
        columns: [
          { key: 'area', label: 'Area', kind: 'text' },
          { key: 'organisations', label: 'Organisations', kind: 'count' },
          { key: 'services', label: 'Services', kind: 'count' },
          { key: 'accepting', label: 'Accepting new clients', kind: 'count' },
          { key: 'beds', label: 'Beds', kind: 'count' },
          { key: 'hours', label: 'Care hours a week', kind: 'count' },
        ],
        rows: areaRows,
        totals: shownTotals(areaRows, ['services', 'accepting', 'beds', 'hours']),
        matchedRows: areaRows.length,
      },
    ],
    charts: [
      {
        id: 'sectors',
        title: 'Services by care type, split by sector',
        kind: 'stacked-bar',
        categories: careTypeRows.map((r) => String(r.care_type)),
        series: SECTOR_KEYS.map((key) => ({ name: sectorLabel(key), data: careTypeRows.map((r) => Number(r[key])) })),
        valueLabel: 'Services',
      },
    ],
  };
}
