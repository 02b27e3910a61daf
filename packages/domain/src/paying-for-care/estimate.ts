// "Could the council help pay?": an indicative answer from the means test, for a resident before they ask the
// council for a financial assessment. Pure: the thresholds come in as configuration (thresholds.ts) and nothing
// is stored. It is a rough guide, never a decision; the page says so and says what to do next.
import { PAYING_FOR_CARE_THRESHOLDS, tariffIncomeWeeklyPence, type PayingForCareThresholds } from './thresholds.ts';

export const ESTIMATE_CARE_TYPES = ['care_home', 'at_home'] as const;
export type EstimateCareType = (typeof ESTIMATE_CARE_TYPES)[number];

/**
 * Whether the person owns their home, and if so whether someone the rules protect lives there: a husband, wife
 * or partner, a relative aged 60 or over or disabled, or a child under 18. While such a person lives there the
 * home is never counted.
 */
export const ESTIMATE_HOME_SITUATIONS = ['no_home', 'home_partner_or_relative_stays', 'home_nobody_stays'] as const;
export type EstimateHomeSituation = (typeof ESTIMATE_HOME_SITUATIONS)[number];

export interface CouncilHelpQuestions {
  /** Savings and other capital, not counting the home. */
  capitalPence: number;
  home: EstimateHomeSituation;
  /** Weekly income: pensions and benefits. */
  weeklyIncomePence: number;
  careType: EstimateCareType;
}

/** Which rule decided the answer; the page explains each in plain English. */
export type EstimateRule =
  | 'above_upper_limit' // savings alone are over the upper limit: pay the full cost
  | 'between_limits' // council helps; the person pays from income plus tariff income
  | 'below_lower_limit' // council helps; savings ignored, the person pays from income only
  | 'home_counted_after_disregard'; // care home, nobody protected in the home: help for 12 weeks, then the home counts

export interface CouncilHelpEstimate {
  /** Whether the council is likely to help pay (now, or for the first weeks). */
  councilMayHelp: boolean;
  rule: EstimateRule;
  /** The savings counted by the means test now (the home is never in this: see `homeCountedAfterWeeks`). */
  countedCapitalPence: number;
  /** Weekly income the council assumes from savings between the limits; null above the upper limit. */
  tariffIncomeWeeklyPence: number | null;
  /**
   * In a care home: about the most the person pays a week from income and tariff income, after keeping the
   * Personal Expenses Allowance. Null at home (the council leaves enough to live on and allows for disability
   * costs, which this short form does not ask about) and when the person pays the full cost.
   */
  weeklyContributionPence: number | null;
  /** In a care home with nobody protected living in the home: the weeks before the home's value counts. */
  homeCountedAfterWeeks: number | null;
  /** Whether asking for a deferred payment agreement makes sense (care home, home counted). */
  deferredPaymentMayHelp: boolean;
  year: string;
}

/** The indicative answer for one set of answers. Inputs are whole pence and never negative. */
export function estimateCouncilHelp(
  q: CouncilHelpQuestions,
  t: PayingForCareThresholds = PAYING_FOR_CARE_THRESHOLDS,
): CouncilHelpEstimate {
  if (q.capitalPence < 0 || q.weeklyIncomePence < 0) throw new RangeError('amounts cannot be negative');
  const homeCounts = q.careType === 'care_home' && q.home === 'home_nobody_stays';
  const tariff = tariffIncomeWeeklyPence(q.capitalPence, t);
  const base = {
    countedCapitalPence: q.capitalPence,
    tariffIncomeWeeklyPence: tariff,
    homeCountedAfterWeeks: homeCounts ? t.propertyDisregardWeeks : null,
    deferredPaymentMayHelp: homeCounts,
    year: t.year,
  };
  if (tariff === null) {
    return { ...base, councilMayHelp: false, rule: 'above_upper_limit', weeklyContributionPence: null };
  }
  const weeklyContributionPence =
    q.careType === 'care_home'
      ? Math.max(0, q.weeklyIncomePence + tariff - t.personalExpensesAllowanceWeeklyPence)
      : null;
  const rule: EstimateRule = homeCounts
    ? 'home_counted_after_disregard'
    : q.capitalPence > t.lowerCapitalLimitPence
      ? 'between_limits'
      : 'below_lower_limit';
  return { ...base, councilMayHelp: true, rule, weeklyContributionPence };
}
