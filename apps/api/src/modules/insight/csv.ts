// One table of a view as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read "£" and "–"). The
// CSV holds exactly the cells of the table — suppressed cells say "fewer than 5" — and a totals line over the
// shown cells only.
import type { InsightCell, InsightTable } from '@care-assist/domain';

function field(value: InsightCell): string {
  if (value === null) return '';
  const text = String(value);
  // Neutralise spreadsheet formulas (a provider's name could start with "=").
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tableToCsv(table: InsightTable, refreshedAt: string | null): string {
  const lines = [table.columns.map((column) => field(column.label)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((column) => field(row[column.key] ?? null)).join(','));
  if (table.totals) {
    lines.push(
      table.columns
        .map((column, index) =>
          index === 0
            ? field('Total of the shown cells (cells with fewer than 5 left out)')
            : field(table.totals![column.key] ?? null),
        )
        .join(','),
    );
  }
  lines.push('');
  lines.push(field(`Data as of ${refreshedAt ?? 'never refreshed'}`));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
