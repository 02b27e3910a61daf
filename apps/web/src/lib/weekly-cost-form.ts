// The "what would a week cost?" form on service pages and in compare: read from the address, checked, and
// turned into an estimate by the domain's estimateWeeklyCost.
import { estimateWeeklyCost, WEEKLY_COST_LIMITS, type WeeklyCostEstimate } from '@care-assist/domain';

export interface WeeklyCostForm {
  hours: string;
  nights: string;
  visits: string;
}

export interface WeeklyCostResult {
  form: WeeklyCostForm;
  errors: Partial<Record<keyof WeeklyCostForm, string>>;
  /** Null when nothing was asked, the input was wrong, or the service has no price for what was asked. */
  estimate: WeeklyCostEstimate | null;
  asked: boolean;
}

const LIMITS: Record<keyof WeeklyCostForm, { max: number; noun: string }> = {
  hours: { max: WEEKLY_COST_LIMITS.maxHoursPerWeek, noun: 'Hours' },
  nights: { max: WEEKLY_COST_LIMITS.maxNightsPerWeek, noun: 'Nights' },
  visits: { max: WEEKLY_COST_LIMITS.maxVisitsPerWeek, noun: 'Visits' },
};

export function readWeeklyCost(
  params: URLSearchParams,
  prices: { unit: 'hour' | 'visit' | 'night' | 'week'; amountPence: number }[],
): WeeklyCostResult {
  const form: WeeklyCostForm = {
    hours: (params.get('hours') ?? '').trim(),
    nights: (params.get('nights') ?? '').trim(),
    visits: (params.get('visits') ?? '').trim(),
  };
  const errors: WeeklyCostResult['errors'] = {};
  const numbers: Partial<Record<keyof WeeklyCostForm, number>> = {};
  for (const field of ['hours', 'nights', 'visits'] as const) {
    if (!form[field]) continue;
    const value = Number(form[field]);
    const { max, noun } = LIMITS[field];
    if (!/^\d+(\.\d+)?$/.test(form[field]) || !(value >= 0 && value <= max)) {
      errors[field] = `${noun} a week must be a number from 0 to ${max}`;
    } else numbers[field] = value;
  }
  const asked = Object.values(form).some(Boolean);
  const byUnit = Object.fromEntries(prices.map((p) => [p.unit, p.amountPence]));
  const estimate =
    asked && Object.keys(errors).length === 0
      ? estimateWeeklyCost(byUnit, {
          hoursPerWeek: numbers.hours,
          nightsPerWeek: numbers.nights,
          visitsPerWeek: numbers.visits,
        })
      : null;
  return { form, errors, estimate, asked };
}
