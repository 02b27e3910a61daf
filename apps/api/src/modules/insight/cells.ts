// Helpers that turn numbers from the summaries into published table cells, applying small-number suppression
// (from @care-assist/domain) so no view can forget it.
import { SUPPRESSED_LABEL, isSmallNumber, suppressGroup, type InsightCell } from '@care-assist/domain';

/** A value built from `people` people: the value, or "fewer than 5". */
export function fromPeople(people: number, value: number | null): InsightCell {
  if (isSmallNumber(people)) return SUPPRESSED_LABEL;
  return value;
}

/**
 * A column of counts over rows that add up to a total (one row per provider, month...): primary and
 * complementary suppression over the column, as published cells.
 */
export function countColumn(counts: readonly number[]): InsightCell[] {
  return suppressGroup(counts.map((people) => ({ people, value: people }))).map((cell) =>
    cell.suppressed ? SUPPRESSED_LABEL : cell.value,
  );
}

/** Totals of numeric columns over the shown cells only ("fewer than 5" cells are left out). */
export function shownTotals(
  rows: readonly Record<string, InsightCell>[],
  keys: readonly string[],
): Record<string, InsightCell> {
  const totals: Record<string, InsightCell> = {};
  for (const key of keys) {
    totals[key] = rows.reduce<number>((sum, row) => sum + (typeof row[key] === 'number' ? row[key] : 0), 0);
  }
  return totals;
}

export const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
export const round = (value: number | null, places = 2): number | null =>
  value === null ? null : Math.round(value * 10 ** places) / 10 ** places;
