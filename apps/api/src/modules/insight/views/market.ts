// Market shape: how many services of each care type, by sector (CQC-imported organisations whose sector is not
// known show as "Not known", never as private), how many accept new clients, by organisation size and by area.
// Counts of services are facts about organisations, not people, so they are not suppressed. The listings hold
// no capacity (beds, hours) yet, so capacity is not shown.
import { CARE_TYPES, SECTORS, SECTOR_CODES, type InsightCell } from '@care-assist/domain';
import type { DbHandle } from '@care-assist/db';
import { shownTotals } from '../cells.ts';
import { serviceFactConditions, whereClause, type ResolvedFilters } from '../filters.ts';
import type { ViewBody } from './view.ts';

const SECTOR_KEYS = [...SECTOR_CODES, 'not_known'] as const;
const sectorLabel = (key: string) => (key === 'not_known' ? 'Not known' : SECTORS[key as keyof typeof SECTORS]);
const SIZE_BANDS = ['1', '2-5', '6-20', '21+'] as const;

export async function marketView(query: DbHandle['query'], filters: ResolvedFilters): Promise<ViewBody> {
  const params: unknown[] = [];
  const conditions = serviceFactConditions(filters, params);
  const careTypeCondition = filters.careType ? `where c.care_type = $${params.push(filters.careType)}` : '';
  const byCareType = await query<{ care_type: string; sector: string; services: string; accepting: string }>(
    `with c as (select unnest(f.care_types) as care_type, coalesce(f.sector, 'not_known') as sector, f.accepting_new_clients
       from insight_service_facts f ${whereClause(conditions)})
     select c.care_type, c.sector, count(*) as services, sum(c.accepting_new_clients) as accepting
     from c ${careTypeCondition} group by 1, 2 order by 1, 2`,
    params,
  );
  const careTypes = [...new Set(byCareType.map((r) => r.care_type))];
  const careTypeRows = careTypes.map((careType) => {
    const row: Record<string, InsightCell> = { care_type: CARE_TYPES[careType as keyof typeof CARE_TYPES] ?? careType };
    const mine = byCareType.filter((r) => r.care_type === careType);
    row.services = mine.reduce((sum, r) => sum + Number(r.services), 0);
    row.accepting = mine.reduce((sum, r) => sum + Number(r.accepting), 0);
    for (const sector of SECTOR_KEYS) row[sector] = Number(mine.find((r) => r.sector === sector)?.services ?? 0);
    return row;
  });

  const sizeParams: unknown[] = [];
  const sizeConditions = serviceFactConditions(filters, sizeParams);
  const bySize = await query<{ organisation_size: string; organisations: string; services: string }>(
    `select f.organisation_size, count(distinct f.organisation_id) as organisations, count(*) as services
     from insight_service_facts f ${whereClause(sizeConditions)} group by 1`,
    sizeParams,
  );
  const sizeRows = SIZE_BANDS.map((band) => {
    const row = bySize.find((r) => r.organisation_size === band);
    return {
      size: band === '1' ? '1 service' : `${band} services`,
      organisations: Number(row?.organisations ?? 0),
      services: Number(row?.services ?? 0),
    };
  });

  // By county, or by district within a chosen county.
  const areaColumn = filters.county || filters.district ? 'f.district' : 'f.county';
  const areaParams: unknown[] = [];
  const areaConditions = serviceFactConditions(filters, areaParams);
  const byArea = await query<{ area: string; services: string; accepting: string; organisations: string }>(
    `select ${areaColumn} as area, count(*) as services, sum(f.accepting_new_clients) as accepting,
       count(distinct f.organisation_id) as organisations
     from insight_service_facts f ${whereClause(areaConditions)} group by 1 order by 2 desc, 1`,
    areaParams,
  );
  const areaRows = byArea.map((r) => ({
    area: r.area,
    organisations: Number(r.organisations),
    services: Number(r.services),
    accepting: Number(r.accepting),
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
      'Capacity (beds, hours) is not yet recorded on listings, so it is not shown.',
    ],
    tables: [
      {
        id: 'care-types',
        caption: 'Services by care type and sector',
        columns: [
          { key: 'care_type', label: 'Care type', kind: 'text' },
          { key: 'services', label: 'Services', kind: 'count' },
          { key: 'accepting', label: 'Accepting new clients', kind: 'count' },
          ...SECTOR_KEYS.map((key) => ({ key, label: sectorLabel(key), kind: 'count' as const })),
        ],
        rows: careTypeRows,
        totals: shownTotals(careTypeRows, ['services', 'accepting', ...SECTOR_KEYS]),
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
        ],
        rows: areaRows,
        totals: shownTotals(areaRows, ['services', 'accepting']),
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
