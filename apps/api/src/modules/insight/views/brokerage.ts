// Brokerage: quotes requested, given and accepted, the value of care arranged and the council's brokerage fee
// income, by month and by provider. Bookings are people, so counts below 5 are suppressed (with complements
// down each column), and money is shown only where it comes from 5 or more bookings (value) or paid invoices
// (fees) — one person's care costs must not be readable from a small cell.
import { SECTOR_NOT_KNOWN, type InsightCell } from '@care-assist/domain';
import type { DbHandle } from '@care-assist/db';
import { countColumn, fromPeople, shownTotals } from '../cells.ts';
import type { ResolvedFilters } from '../filters.ts';
import type { ViewBody } from './view.ts';

function brokerageConditions(filters: ResolvedFilters, params: unknown[]): string {
  params.push(filters.from, filters.to);
  const conditions = [`b.month between date_trunc('month', $1::date) and $2::date`];
  if (filters.county) conditions.push(`s.county = $${params.push(filters.county)}`);
  if (filters.district)
    conditions.push(`upper(split_part(trim(s.postcode), ' ', 1)) = $${params.push(filters.district)}`);
  if (filters.careType) conditions.push(`$${params.push(filters.careType)} = any(s.care_types)`);
  if (filters.sector === SECTOR_NOT_KNOWN) conditions.push('o.sector is null');
  else if (filters.sector) conditions.push(`o.sector = $${params.push(filters.sector)}`);
  return `where ${conditions.join(' and ')}`;
}

interface BrokerageRow {
  label: string;
  requested: string;
  quoted: string;
  accepted: string;
  value_arranged: string;
  fee_income: string;
  fee_invoices: string;
}

function publish(rows: BrokerageRow[], labelKey: string): Record<string, InsightCell>[] {
  const requested = countColumn(rows.map((r) => Number(r.requested)));
  const quoted = countColumn(rows.map((r) => Number(r.quoted)));
  const accepted = countColumn(rows.map((r) => Number(r.accepted)));
  return rows.map((r, i) => ({
    [labelKey]: r.label,
    requested: requested[i]!,
    quoted: quoted[i]!,
    accepted: accepted[i]!,
    value_arranged:
      typeof accepted[i] === 'number' ? fromPeople(Number(r.accepted), Number(r.value_arranged)) : accepted[i]!,
    fee_income: fromPeople(Number(r.fee_invoices), Number(r.fee_income)),
  }));
}

const columns = (labelKey: string, label: string) => [
  { key: labelKey, label, kind: 'text' as const },
  { key: 'requested', label: 'Quotes requested', kind: 'count' as const },
  { key: 'quoted', label: 'Quoted', kind: 'count' as const },
  { key: 'accepted', label: 'Accepted', kind: 'count' as const },
  { key: 'value_arranged', label: 'Value of care arranged', kind: 'pence' as const },
  { key: 'fee_income', label: 'Brokerage fee income', kind: 'pence' as const },
];

const SUMS = `sum(b.requested) as requested, sum(b.quoted) as quoted, sum(b.accepted) as accepted,
  sum(b.value_arranged_pence) as value_arranged, sum(b.fee_income_pence) as fee_income, sum(b.fee_invoices) as fee_invoices`;
const FROM = `from insight_brokerage_months b join services s on s.id = b.service_id join organisations o on o.id = s.organisation_id`;

export async function brokerageView(
  query: DbHandle['query'],
  filters: ResolvedFilters,
  limit: number,
): Promise<ViewBody> {
  const monthParams: unknown[] = [];
  const providerParams: unknown[] = [];
  // Independent queries: run them at once.
  const [monthSource, providerSource] = await Promise.all([
    query<BrokerageRow>(
      `select to_char(b.month, 'YYYY-MM') as label, ${SUMS} ${FROM} ${brokerageConditions(filters, monthParams)} group by b.month order by b.month`,
      monthParams,
    ),
    query<BrokerageRow & { matched: string }>(
      `select min(o.name) as label, ${SUMS}, count(*) over () as matched ${FROM} ${brokerageConditions(filters, providerParams)}
       group by o.id order by sum(b.requested) desc, 1 limit $${providerParams.push(limit)}`,
      providerParams,
    ),
  ]);
  const monthRows = publish(monthSource, 'month');
  const providerRows = publish(providerSource, 'provider');
  const sums = ['requested', 'quoted', 'accepted', 'value_arranged', 'fee_income'];
  const totals = shownTotals(monthRows, sums);
  return {
    summary: monthRows.length
      ? [
          `In the shown months: ${Number(totals.requested)} quotes requested, ${Number(totals.quoted)} quoted, ${Number(totals.accepted)} accepted; £${(Number(totals.value_arranged) / 100).toLocaleString('en-GB', { maximumFractionDigits: 0 })} of care arranged and £${(Number(totals.fee_income) / 100).toLocaleString('en-GB', { maximumFractionDigits: 0 })} brokerage fee income.`,
        ]
      : ['No brokerage in these filters and dates.'],
    notes: [
      'A booking counts in the month it was requested. Value arranged: the weekly quote times the weeks booked, for accepted bookings.',
      'Fee income counts in the month the invoice was paid.',
    ],
    tables: [
      {
        id: 'months',
        caption: 'Brokerage by month',
        columns: columns('month', 'Month'),
        rows: monthRows,
        totals,
        matchedRows: monthRows.length,
      },
      {
        id: 'providers',
        caption: 'Brokerage by provider',
        columns: columns('provider', 'Provider'),
        rows: providerRows,
        totals: shownTotals(providerRows, sums),
        matchedRows: Number(providerSource[0]?.matched ?? 0),
      },
    ],
    charts: [
      {
        id: 'months',
        title: 'Quotes requested, quoted and accepted by month',
        kind: 'bar',
        categories: monthRows.map((r) => String(r.month)),
        series: (['requested', 'quoted', 'accepted'] as const).map((key) => ({
          name: key === 'requested' ? 'Requested' : key === 'quoted' ? 'Quoted' : 'Accepted',
          data: monthRows.map((r) => (typeof r[key] === 'number' ? r[key] : null)),
        })),
        valueLabel: 'Bookings',
      },
    ],
  };
}
