// Outcomes: what people receiving care and their unpaid carers said at review points (satisfaction, quality of
// life), and admissions to hospital or residential care, by provider (each against the area's spread), by care
// type, by area and by month. Care booked here and care the council arranged count alike. Every figure comes
// from people, so each is suppressed below 5 (counts with complementary suppression down each column).
import {
  CARE_TYPES,
  QUARTILE_POSITION_LABELS,
  SMALL_NUMBER_THRESHOLD,
  quartilePosition,
  quartiles,
  type InsightCell,
  type InsightColumn,
  type InsightTable,
  type Quartiles,
} from '@care-assist/domain';
import type { DbHandle } from '@care-assist/db';
import { countColumn, fromPeople, num, round, shownTotals } from '../cells.ts';
import type { ResolvedFilters } from '../filters.ts';
import type { ViewBody } from './view.ts';

interface OutcomeGroup {
  key: string;
  label: string;
  people: number;
  satisfaction: number | null;
  qualityOfLife: number | null;
  carers: number;
  carerSatisfaction: number | null;
  strainAnswers: number;
  highStrain: number;
  admitted: number;
  hospital: number;
  residential: number;
}

/** WHERE conditions on an outcomes summary (alias o) for the filters; `day` is its date column. */
function conditions(filters: ResolvedFilters, params: unknown[], day: string): string {
  const add = (value: unknown) => `$${params.push(value)}`;
  const where = [`o.${day} between ${add(filters.from)}::date and ${add(filters.to)}::date`];
  if (filters.county) where.push(`o.county = ${add(filters.county)}`);
  if (filters.district) where.push(`o.district = ${add(filters.district)}`);
  if (filters.careType) where.push(`o.care_type = ${add(filters.careType)}`);
  if (filters.sector === 'not_known') where.push('o.sector is null');
  else if (filters.sector) where.push(`o.sector = ${add(filters.sector)}`);
  return `where ${where.join(' and ')}`;
}

/** A grouping: SQL over the summary (alias o) given its date column, and the label people read. */
type GroupBy = (day: string) => { key: string; label: string };

/** Every outcome measure grouped one way over the summaries. */
async function grouped(query: DbHandle['query'], filters: ResolvedFilters, by: GroupBy): Promise<OutcomeGroup[]> {
  const answerParams: unknown[] = [];
  const answerGroup = by('o.due_on');
  const answers = await query<Record<string, string | number | null>>(
    `select ${answerGroup.key} as key, min(${answerGroup.label}) as label,
       count(distinct o.subject_id) filter (where o.respondent = 'person') as people,
       avg(o.satisfaction) filter (where o.respondent = 'person') as satisfaction,
       avg(o.quality_of_life) filter (where o.respondent = 'person') as quality_of_life,
       count(distinct o.subject_id) filter (where o.respondent = 'carer') as carers,
       avg(o.carer_satisfaction) filter (where o.respondent = 'carer') as carer_satisfaction,
       count(o.carer_strain) filter (where o.respondent = 'carer') as strain_answers,
       count(*) filter (where o.respondent = 'carer' and o.carer_strain = 2) as high_strain
     from insight_outcome_answers o ${conditions(filters, answerParams, 'due_on')} group by 1`,
    answerParams,
  );
  const admissionParams: unknown[] = [];
  const admissionGroup = by('o.admitted_on');
  const admissions = await query<Record<string, string | number | null>>(
    `select ${admissionGroup.key} as key, min(${admissionGroup.label}) as label, count(distinct o.subject_id) as admitted,
       count(*) filter (where o.kind = 'hospital') as hospital,
       count(*) filter (where o.kind = 'residential_care') as residential
     from insight_outcome_admissions o ${conditions(filters, admissionParams, 'admitted_on')} group by 1`,
    admissionParams,
  );
  const groups = new Map<string, OutcomeGroup>();
  const group = (row: Record<string, string | number | null>): OutcomeGroup => {
    const id = String(row.key);
    let found = groups.get(id);
    if (!found) {
      found = {
        key: id,
        label: String(row.label ?? row.key),
        people: 0,
        satisfaction: null,
        qualityOfLife: null,
        carers: 0,
        carerSatisfaction: null,
        strainAnswers: 0,
        highStrain: 0,
        admitted: 0,
        hospital: 0,
        residential: 0,
      };
      groups.set(id, found);
    }
    return found;
  };
  for (const row of answers) {
    Object.assign(group(row), {
      people: Number(row.people),
      satisfaction: num(row.satisfaction),
      qualityOfLife: num(row.quality_of_life),
      carers: Number(row.carers),
      carerSatisfaction: num(row.carer_satisfaction),
      strainAnswers: Number(row.strain_answers),
      highStrain: Number(row.high_strain),
    });
  }
  for (const row of admissions) {
    Object.assign(group(row), {
      admitted: Number(row.admitted),
      hospital: Number(row.hospital),
      residential: Number(row.residential),
    });
  }
  return [...groups.values()];
}

const MEASURE_COLUMNS: InsightColumn[] = [
  { key: 'people', label: 'People who answered', kind: 'count' },
  { key: 'satisfaction', label: 'Satisfaction with care (1–5)', kind: 'number' },
  { key: 'quality_of_life', label: 'Quality of life (0–3)', kind: 'number' },
  { key: 'carers', label: 'Carers who answered', kind: 'count' },
  { key: 'carer_satisfaction', label: 'Carers’ satisfaction with support (1–5)', kind: 'number' },
  { key: 'high_strain', label: 'Carers under a lot of strain (%)', kind: 'percent' },
  { key: 'admitted', label: 'People admitted to hospital or residential care', kind: 'count' },
];

/** The measures of each group as published cells: small numbers suppressed, counts down each column too. */
function measureRows(groups: readonly OutcomeGroup[]): Record<string, InsightCell>[] {
  const people = countColumn(groups.map((g) => g.people));
  const carers = countColumn(groups.map((g) => g.carers));
  const admitted = countColumn(groups.map((g) => g.admitted));
  return groups.map((g, i) => ({
    people: people[i]!,
    satisfaction: fromPeople(g.people, round(g.satisfaction)),
    quality_of_life: fromPeople(g.people, round(g.qualityOfLife)),
    carers: carers[i]!,
    carer_satisfaction: fromPeople(g.carers, round(g.carerSatisfaction)),
    high_strain: fromPeople(g.strainAnswers, g.strainAnswers ? round((100 * g.highStrain) / g.strainAnswers, 1) : null),
    admitted: admitted[i]!,
  }));
}

function table(id: string, caption: string, first: InsightColumn[], rows: Record<string, InsightCell>[]): InsightTable {
  return {
    id,
    caption,
    columns: [...first, ...MEASURE_COLUMNS],
    rows,
    totals: shownTotals(rows, ['people', 'carers', 'admitted']),
    matchedRows: rows.length,
  };
}

/** Providers' mean satisfaction against the spread of providers with at least 5 people in the same filters. */
function providerTable(groups: OutcomeGroup[], limit: number): { table: InsightTable; spread: Quartiles | null } {
  const spread = quartiles(
    groups.filter((g) => g.people >= SMALL_NUMBER_THRESHOLD && g.satisfaction !== null).map((g) => g.satisfaction!),
  );
  const ordered = [...groups].sort((a, b) => b.people - a.people || a.label.localeCompare(b.label));
  const shown = ordered.slice(0, limit);
  const measures = measureRows(shown);
  const rows = shown.map((g, i) => {
    const satisfaction = measures[i]!.satisfaction;
    return {
      provider: g.label,
      ...measures[i]!,
      position:
        typeof satisfaction === 'number' && spread
          ? QUARTILE_POSITION_LABELS[quartilePosition(satisfaction, spread)]
          : null,
    };
  });
  const result = table(
    'providers',
    'Outcomes by provider, most people first, each against the area',
    [{ key: 'provider', label: 'Provider', kind: 'text' }],
    rows,
  );
  result.columns.splice(3, 0, { key: 'position', label: 'Satisfaction against the area', kind: 'text' });
  result.matchedRows = groups.length;
  return { table: result, spread };
}

const careTypeLabel = (code: string) => CARE_TYPES[code as keyof typeof CARE_TYPES] ?? code;

export async function outcomesView(
  query: DbHandle['query'],
  filters: ResolvedFilters,
  limit: number,
): Promise<ViewBody> {
  // Areas: counties, or the districts of the county asked for.
  const area = filters.county ? 'o.district' : 'o.county';
  const [providers, careTypes, areas, months] = await Promise.all([
    grouped(query, filters, () => ({ key: 'o.organisation_id', label: 'o.organisation_name' })),
    grouped(query, filters, () => ({ key: 'o.care_type', label: 'o.care_type' })),
    grouped(query, filters, () => ({ key: area, label: area })),
    grouped(query, filters, (day) => ({ key: `to_char(${day}, 'YYYY-MM')`, label: `to_char(${day}, 'YYYY-MM')` })),
  ]);
  const { table: providerRows, spread } = providerTable(providers, limit);
  const byLabel = (a: OutcomeGroup, b: OutcomeGroup) => a.label.localeCompare(b.label);
  careTypes.sort(byLabel);
  areas.sort(byLabel);
  months.sort((a, b) => a.key.localeCompare(b.key));
  const careTypeTable = table(
    'care-types',
    'Outcomes by care type',
    [{ key: 'care_type', label: 'Care type', kind: 'text' }],
    measureRows(careTypes).map((row, i) => ({ care_type: careTypeLabel(careTypes[i]!.key), ...row })),
  );
  const areaTable = table(
    'areas',
    filters.county ? `Outcomes by postcode district in ${filters.county}` : 'Outcomes by county',
    [{ key: 'area', label: filters.county ? 'Postcode district' : 'County', kind: 'text' }],
    measureRows(areas).map((row, i) => ({ area: areas[i]!.label, ...row })),
  );
  const monthTable = table(
    'months',
    'Outcomes by month (of the review point; admissions by the month they happened)',
    [{ key: 'month', label: 'Month', kind: 'text' }],
    measureRows(months).map((row, i) => ({ month: months[i]!.key, ...row })),
  );
  const numeric = (cell: InsightCell | undefined) => (typeof cell === 'number' ? cell : null);
  const charted = providerRows.rows.filter((row) => typeof row.satisfaction === 'number').slice(0, 15);
  const totals = monthTable.totals ?? {};
  return {
    summary: spread
      ? [
          `${spread.count} ${spread.count === 1 ? 'provider' : 'providers'} with answers from at least ${SMALL_NUMBER_THRESHOLD} people: median satisfaction ${spread.median.toFixed(2)} out of 5, quartiles ${spread.lowerQuartile.toFixed(2)} and ${spread.upperQuartile.toFixed(2)}.`,
          `${Number(totals.people ?? 0)} people and ${Number(totals.carers ?? 0)} carers answered in the months with ${SMALL_NUMBER_THRESHOLD} or more.`,
          Number(totals.admitted ?? 0) > 0
            ? `${Number(totals.admitted)} people were admitted to hospital or residential care in the months with ${SMALL_NUMBER_THRESHOLD} or more admissions.`
            : `Admissions to hospital or residential care: fewer than ${SMALL_NUMBER_THRESHOLD} in each month.`,
        ]
      : [`No provider in these filters and dates has outcomes from ${SMALL_NUMBER_THRESHOLD} or more people yet.`],
    notes: [
      'From the outcomes questionnaires at each review point (6 weeks after care starts, every 3 months, and at the end) of care booked here and care the council arranged, and from admissions council staff recorded.',
      'Quality of life: the mean of the five ASCOT-style domains each person answered (3 = as they want, 0 = high unmet needs); “prefer not to say” is left out.',
      'A person counts once in a row however many times they answered; the date range applies to the date each review point fell due.',
    ],
    tables: [providerRows, careTypeTable, areaTable, monthTable],
    charts: [
      {
        id: 'providers',
        title: `Satisfaction with care at the ${charted.length} providers with most answers, against the area median and quartiles`,
        kind: 'bar',
        categories: charted.map((row) => String(row.provider)),
        series: [{ name: 'Satisfaction (1–5)', data: charted.map((row) => row.satisfaction as number) }],
        valueLabel: 'Satisfaction (1–5)',
        markers: spread
          ? [
              { name: 'Lower quartile', value: round(spread.lowerQuartile)! },
              { name: 'Area median', value: round(spread.median)! },
              { name: 'Upper quartile', value: round(spread.upperQuartile)! },
            ]
          : [],
      },
      {
        id: 'months',
        title: 'Satisfaction of people and of their carers by month',
        kind: 'line',
        categories: monthTable.rows.map((row) => String(row.month)),
        series: [
          { name: 'People’s satisfaction with care', data: monthTable.rows.map((row) => numeric(row.satisfaction)) },
          {
            name: 'Carers’ satisfaction with support',
            data: monthTable.rows.map((row) => numeric(row.carer_satisfaction)),
          },
        ],
        valueLabel: 'Satisfaction (1–5)',
      },
    ],
  };
}
