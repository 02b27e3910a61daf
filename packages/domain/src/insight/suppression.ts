// Small-number suppression for everything the council publishes about people (insight, provider insight,
// open data).
//
// The rule: a cell built from fewer than SMALL_NUMBER_THRESHOLD (5) people is shown as "fewer than 5",
// never as its number — and the number must not be recoverable another way:
// 1. Totals are the sum of the SHOWN cells only (and say so), so "total minus the others" gives nothing.
// 2. Complementary (secondary) suppression: a group of cells whose true total is, or could be, published
//    elsewhere (the area's total in another view, last month's download...) must never have exactly one
//    suppressed cell — one hidden cell is the total minus the rest. When only one cell in a group is
//    suppressed, the smallest other cell is suppressed too. With two or more hidden, subtraction only
//    gives their sum, not any one of them.
// Zero is a count from fewer than 5 people too; it is suppressed like the rest (conservative: "none here"
// about a small area can itself identify someone).

export const SMALL_NUMBER_THRESHOLD = 5;
export const SUPPRESSED_LABEL = 'fewer than 5';

export type SuppressionReason = 'small_number' | 'complementary';

/** A number that is either shown or suppressed; a suppressed one carries no trace of its value. */
export type Published<T> = { suppressed: false; value: T } | { suppressed: true; reason: SuppressionReason };

export function isSmallNumber(people: number): boolean {
  return people < SMALL_NUMBER_THRESHOLD;
}

/** A cell to publish: how many people it is built from, and the value shown when it may be shown. */
export interface Cell<T> {
  people: number;
  value: T;
}

/** Primary suppression of one cell (no group: use suppressGroup when cells add up to a total). */
export function suppressCell<T>(cell: Cell<T>): Published<T> {
  return isSmallNumber(cell.people)
    ? { suppressed: true, reason: 'small_number' }
    : { suppressed: false, value: cell.value };
}

/**
 * Suppress a group of cells that add up to a total (one row per provider of an area, one column per care
 * type...). Primary suppression hides every cell from fewer than 5 people; if that hides exactly one
 * cell, the cell with the fewest people among the rest is hidden as well (complementary suppression).
 * The order of the cells is kept.
 */
export function suppressGroup<T>(cells: readonly Cell<T>[]): Published<T>[] {
  const hidden = cells.map((cell) => isSmallNumber(cell.people));
  const hiddenCount = hidden.filter(Boolean).length;
  const secondary = new Set<number>();
  if (hiddenCount === 1) {
    let smallest = -1;
    cells.forEach((cell, index) => {
      if (hidden[index]) return;
      if (smallest === -1 || cell.people < cells[smallest]!.people) smallest = index;
    });
    if (smallest !== -1) secondary.add(smallest);
  }
  return cells.map((cell, index) => {
    if (hidden[index]) return { suppressed: true, reason: 'small_number' };
    if (secondary.has(index)) return { suppressed: true, reason: 'complementary' };
    return { suppressed: false, value: cell.value };
  });
}

export interface ShownTotal {
  /** The sum of the shown cells only. */
  total: number;
  /** How many cells were left out of the total (not their values). */
  cellsLeftOut: number;
}

/** The total of a suppressed group of counts: only shown cells count, so nothing can be recovered. */
export function totalOfShown(cells: readonly Published<number>[]): ShownTotal {
  let total = 0;
  let cellsLeftOut = 0;
  for (const cell of cells) {
    if (cell.suppressed) cellsLeftOut += 1;
    else total += cell.value;
  }
  return { total, cellsLeftOut };
}

/** The text a table or CSV shows for a published number. */
export function publishedText<T>(cell: Published<T>, format: (value: T) => string = String): string {
  return cell.suppressed ? SUPPRESSED_LABEL : format(cell.value);
}
