// Descriptive statistics for council insight: median and quartiles.
//
// Method (stated once, used everywhere): quantiles by linear interpolation between the closest ranks,
// Hyndman & Fan "type 7" — the same as PostgreSQL's percentile_cont(), R's default quantile(), and
// Excel's QUARTILE.INC. For sorted values x[0..n-1], the p-quantile is at position h = (n - 1) * p;
// it is x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]). The SQL aggregates use
// percentile_cont, so a number computed here and one computed in the database always agree.

export const QUANTILE_METHOD =
  'Linear interpolation between closest ranks (Hyndman & Fan type 7; PostgreSQL percentile_cont, Excel QUARTILE.INC)';

/** The p-quantile (0 <= p <= 1) of the values, or null when there are none. Non-finite values are ignored. */
export function quantile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be between 0 and 1, got ${p}`);
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const fraction = position - lower;
  const below = sorted[lower]!;
  const above = sorted[Math.min(lower + 1, sorted.length - 1)]!;
  return below + fraction * (above - below);
}

/** The median (type 7: the middle value, or the mean of the two middle values). */
export function medianOf(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

export interface Quartiles {
  count: number;
  min: number;
  lowerQuartile: number;
  median: number;
  upperQuartile: number;
  max: number;
}

/** Five-number summary (min, Q1, median, Q3, max) for a box plot, or null when there are no values. */
export function quartiles(values: readonly number[]): Quartiles | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  return {
    count: finite.length,
    min: Math.min(...finite),
    lowerQuartile: quantile(finite, 0.25)!,
    median: quantile(finite, 0.5)!,
    upperQuartile: quantile(finite, 0.75)!,
    max: Math.max(...finite),
  };
}

/** Which quarter of the spread a value falls in, in words a commissioner reads next to a service. */
export type QuartilePosition = 'below_lower_quartile' | 'lower_middle' | 'upper_middle' | 'above_upper_quartile';

export const QUARTILE_POSITION_LABELS: Record<QuartilePosition, string> = {
  below_lower_quartile: 'Below the lower quartile',
  lower_middle: 'Between the lower quartile and the median',
  upper_middle: 'Between the median and the upper quartile',
  above_upper_quartile: 'Above the upper quartile',
};

export function quartilePosition(
  value: number,
  spread: Pick<Quartiles, 'lowerQuartile' | 'median' | 'upperQuartile'>,
): QuartilePosition {
  if (value < spread.lowerQuartile) return 'below_lower_quartile';
  if (value < spread.median) return 'lower_middle';
  if (value <= spread.upperQuartile) return 'upper_middle';
  return 'above_upper_quartile';
}
