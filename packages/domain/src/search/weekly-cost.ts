// What a week of care would cost from a service's listed prices: the estimate shown on a service page and in
// compare. Pure: every pound on those pages comes from here, with the sum spelled out.
import { formatPence } from '../money.ts';
import type { PriceUnit } from '../taxonomy.ts';

export const WEEKLY_COST_LIMITS = { maxHoursPerWeek: 168, maxNightsPerWeek: 7, maxVisitsPerWeek: 70 } as const;

export interface CareNeed {
  /** Hours of care at home a week (0-168). */
  hoursPerWeek?: number | undefined;
  /** Nights a week (0-7), e.g. overnight or respite care. */
  nightsPerWeek?: number | undefined;
  /** Visits a week, for services that charge per visit. */
  visitsPerWeek?: number | undefined;
}

export interface WeeklyCostEstimate {
  pencePerWeek: number;
  /** The sum in words, e.g. "10 hours × £28.50 + 2 nights × £140.00". */
  basis: string;
}

type Prices = Partial<Record<PriceUnit, number | null>>;

/**
 * A weekly price wins (care homes charge by the week whatever the hours). Otherwise each part of the need is
 * priced by its own unit; a need the service has no price for makes the estimate impossible (null), rather
 * than quietly leaving that part out.
 */
export function estimateWeeklyCost(prices: Prices, need: CareNeed): WeeklyCostEstimate | null {
  const week = prices.week;
  if (typeof week === 'number') return { pencePerWeek: week, basis: `${formatPence(week)} a week` };

  const parts: { count: number; unitPence: number | null | undefined; label: (n: number) => string }[] = [
    {
      count: clamp(need.hoursPerWeek, WEEKLY_COST_LIMITS.maxHoursPerWeek),
      unitPence: prices.hour,
      label: plural('hour'),
    },
    {
      count: clamp(need.nightsPerWeek, WEEKLY_COST_LIMITS.maxNightsPerWeek),
      unitPence: prices.night,
      label: plural('night'),
    },
    {
      count: clamp(need.visitsPerWeek, WEEKLY_COST_LIMITS.maxVisitsPerWeek),
      unitPence: prices.visit,
      label: plural('visit'),
    },
  ];
  const wanted = parts.filter((part) => part.count > 0);
  if (wanted.length === 0) return null;
  if (wanted.some((part) => typeof part.unitPence !== 'number')) return null;

  let pencePerWeek = 0;
  const terms: string[] = [];
  for (const part of wanted) {
    const unitPence = part.unitPence as number;
    pencePerWeek += Math.round(part.count * unitPence);
    terms.push(`${part.label(part.count)} × ${formatPence(unitPence)}`);
  }
  return { pencePerWeek, basis: terms.join(' + ') };
}

function clamp(value: number | undefined, max: number): number {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return 0;
  return Math.min(value, max);
}

function plural(unit: string) {
  return (n: number) => `${n} ${n === 1 ? unit : `${unit}s`}`;
}
