// The figures the "Paying for care" help quotes, kept as configuration with the year they apply to, so a new
// financial year is one edit here (and the page says which year it is quoting). England, adult social care.
// Sources, checked for 2026 to 2027 (England):
// - Capital limits (£23,250 upper, £14,250 lower), tariff income (£1 a week for every £250 or part of £250
//   between them) and the 12-week property disregard: the Care and Support (Charging and Assessment of
//   Resources) Regulations 2014, unchanged since 2010/11 (the 2025 reform that would have raised them was
//   cancelled in July 2024). DHSC's yearly "Social care charging for local authorities" circular confirms them.
// - Attendance Allowance £76.70 / £114.60, Carer's Allowance £86.45 and its earnings limit £204: DWP "Benefit and
//   pension rates 2026 to 2027" (the earnings limit is now 16 hours at the National Living Wage).
// - NHS-funded nursing care £267.68 a week (standard rate from 1 April 2026): DHSC announcement, March 2026.
// - Personal Expenses Allowance £30.65: the 2025 to 2026 circular. The 2026 to 2027 figure was not to hand when
//   this was written (checked again 30 November 2026: not found in the sources we could reach), so it is marked
//   with its own year and the page says so; update both together.
// PAYING_FOR_CARE_SOURCES below is what the page prints under "Where these figures come from".

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
  /** The year the Personal Expenses Allowance figure is for, when it is not `year` (null when it is). */
  personalExpensesAllowanceYear: string | null;
  /** Attendance Allowance, lower and higher weekly rates. */
  attendanceAllowanceWeeklyPence: { lower: number; higher: number };
  /** Carer's Allowance weekly rate, and the most a carer may earn a week after deductions and still get it. */
  carersAllowanceWeeklyPence: number;
  carersAllowanceEarningsLimitWeeklyPence: number;
  /** NHS-funded nursing care paid to a nursing home for a resident who needs a registered nurse. */
  fundedNursingCareWeeklyPence: number;
}

export const PAYING_FOR_CARE_THRESHOLDS: PayingForCareThresholds = {
  year: '2026 to 2027',
  upperCapitalLimitPence: 2_325_000,
  lowerCapitalLimitPence: 1_425_000,
  tariffIncomeStepPence: 25_000,
  tariffIncomePerStepPence: 100,
  propertyDisregardWeeks: 12,
  personalExpensesAllowanceWeeklyPence: 3_065,
  personalExpensesAllowanceYear: '2025 to 2026',
  attendanceAllowanceWeeklyPence: { lower: 7_670, higher: 11_460 },
  carersAllowanceWeeklyPence: 8_645,
  carersAllowanceEarningsLimitWeeklyPence: 20_400,
  fundedNursingCareWeeklyPence: 26_768,
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

export interface FigureSource {
  figure: string;
  /** The financial year the figure is for. */
  year: string;
  source: string;
  /** Where to read it, when the source has a stable public address. */
  url: string | null;
}

const REGULATIONS = 'The Care and Support (Charging and Assessment of Resources) Regulations 2014';
const REGULATIONS_URL = 'https://www.legislation.gov.uk/uksi/2014/2672/contents';
const DWP = 'Department for Work and Pensions, Benefit and pension rates 2026 to 2027';
const DWP_URL = 'https://www.gov.uk/government/publications/benefit-and-pension-rates-2026-to-2027';

/** Each figure the help quotes, the year it is for and where it comes from, as the page lists them. */
export function payingForCareSources(t: PayingForCareThresholds = PAYING_FOR_CARE_THRESHOLDS): FigureSource[] {
  return [
    { figure: 'Upper and lower capital limits', year: t.year, source: REGULATIONS, url: REGULATIONS_URL },
    { figure: 'Tariff income', year: t.year, source: REGULATIONS, url: REGULATIONS_URL },
    { figure: '12-week property disregard', year: t.year, source: REGULATIONS, url: REGULATIONS_URL },
    {
      figure: 'Personal Expenses Allowance',
      year: t.personalExpensesAllowanceYear ?? t.year,
      source: 'Department of Health and Social Care, Social care charging for local authorities (yearly circular)',
      url: null,
    },
    {
      figure: 'NHS-funded nursing care',
      year: t.year,
      source: 'Department of Health and Social Care, announcement of 9 March 2026 (standard rate from 1 April 2026)',
      url: null,
    },
    { figure: 'Attendance Allowance', year: t.year, source: DWP, url: DWP_URL },
    { figure: "Carer's Allowance and its earnings limit", year: t.year, source: DWP, url: DWP_URL },
  ];
}
