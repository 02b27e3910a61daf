// The figures the "Paying for care" help quotes, kept as configuration with the year they apply to, so a new
// financial year is one edit here (and the page says which year it is quoting). England, adult social care.
// Sources: the Care and Support (Charging and Assessment of Resources) Regulations 2014 and the Department of
// Health and Social Care's charging guidance; DWP benefit rates; NHS-funded nursing care rate. The capital
// limits have not changed since 2010/11; the benefit rates change every April.

export interface PayingForCareThresholds {
  /** The financial year these figures apply to, e.g. "2025 to 2026". */
  year: string;
  /** Above this in savings and capital a person pays the full cost of their care. */
  upperCapitalLimitPence: number;
  /** Below this, savings and capital are ignored. */
  lowerCapitalLimitPence: number;
  /** Between the limits, every £250 (or part of £250) counts as £1 a week of income ("tariff income"). */
  tariffIncomeStepPence: number;
  tariffIncomePerStepPence: number;
  /** How long the value of a home is ignored after moving permanently into a care home. */
  propertyDisregardWeeks: number;
  /** What a care home resident keeps each week for personal spending (Personal Expenses Allowance). */
  personalExpensesAllowanceWeeklyPence: number;
  /** Attendance Allowance, lower and higher weekly rates. */
  attendanceAllowanceWeeklyPence: { lower: number; higher: number };
  /** Carer's Allowance weekly rate, and the most a carer may earn a week after deductions and still get it. */
  carersAllowanceWeeklyPence: number;
  carersAllowanceEarningsLimitWeeklyPence: number;
  /** NHS-funded nursing care paid to a nursing home for a resident who needs a registered nurse. */
  fundedNursingCareWeeklyPence: number;
}

export const PAYING_FOR_CARE_THRESHOLDS: PayingForCareThresholds = {
  year: '2025 to 2026',
  upperCapitalLimitPence: 2_325_000,
  lowerCapitalLimitPence: 1_425_000,
  tariffIncomeStepPence: 25_000,
  tariffIncomePerStepPence: 100,
  propertyDisregardWeeks: 12,
  personalExpensesAllowanceWeeklyPence: 3_065,
  attendanceAllowanceWeeklyPence: { lower: 7_390, higher: 11_040 },
  carersAllowanceWeeklyPence: 8_330,
  carersAllowanceEarningsLimitWeeklyPence: 19_600,
  fundedNursingCareWeeklyPence: 25_406,
};

/**
 * Tariff income: the weekly income assumed from capital between the lower and upper limits, £1 for every
 * £250 or part of £250 above the lower limit. Zero at or below the lower limit; null above the upper limit,
 * where the person pays the full cost and tariff income no longer matters.
 */
export function tariffIncomeWeeklyPence(
  capitalPence: number,
  t: PayingForCareThresholds = PAYING_FOR_CARE_THRESHOLDS,
): number | null {
  if (capitalPence > t.upperCapitalLimitPence) return null;
  const above = capitalPence - t.lowerCapitalLimitPence;
  if (above <= 0) return 0;
  return Math.ceil(above / t.tariffIncomeStepPence) * t.tariffIncomePerStepPence;
}
