import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ESTIMATE_CARE_TYPES,
  ESTIMATE_HOME_SITUATIONS,
  estimateCouncilHelp,
  type CouncilHelpQuestions,
} from './estimate.ts';
import { PAYING_FOR_CARE_THRESHOLDS as T } from './thresholds.ts';

const ask = (over: Partial<CouncilHelpQuestions> = {}): CouncilHelpQuestions => ({
  capitalPence: 0,
  home: 'no_home',
  weeklyIncomePence: 25_000,
  careType: 'care_home',
  ...over,
});

const questions = fc.record({
  capitalPence: fc.nat(10_000_000),
  home: fc.constantFrom(...ESTIMATE_HOME_SITUATIONS),
  weeklyIncomePence: fc.nat(200_000),
  careType: fc.constantFrom(...ESTIMATE_CARE_TYPES),
});

describe('estimateCouncilHelp', () => {
  it('applies the capital limits of the configured year', () => {
    expect(estimateCouncilHelp(ask({ capitalPence: 2_325_001 }))).toMatchObject({
      councilMayHelp: false,
      rule: 'above_upper_limit',
      weeklyContributionPence: null,
    });
    expect(estimateCouncilHelp(ask({ capitalPence: 2_325_000 }))).toMatchObject({
      councilMayHelp: true,
      rule: 'between_limits',
      tariffIncomeWeeklyPence: 3_600,
    });
    expect(estimateCouncilHelp(ask({ capitalPence: 1_425_000 }))).toMatchObject({
      rule: 'below_lower_limit',
      tariffIncomeWeeklyPence: 0,
    });
    expect(estimateCouncilHelp(ask()).year).toBe(T.year);
  });

  it('in a care home leaves the Personal Expenses Allowance and adds tariff income', () => {
    // £250 income + £4 tariff (£1,000 over the lower limit) - £30.65 PEA = £223.35
    const e = estimateCouncilHelp(ask({ capitalPence: 1_525_000, weeklyIncomePence: 25_000 }));
    expect(e.weeklyContributionPence).toBe(25_000 + 400 - T.personalExpensesAllowanceWeeklyPence);
    expect(estimateCouncilHelp(ask({ weeklyIncomePence: 1_000 })).weeklyContributionPence).toBe(0);
  });

  it('counts a home in a care home only when nobody protected lives there, after the disregard weeks', () => {
    const alone = estimateCouncilHelp(ask({ home: 'home_nobody_stays' }));
    expect(alone).toMatchObject({
      councilMayHelp: true,
      rule: 'home_counted_after_disregard',
      homeCountedAfterWeeks: 12,
      deferredPaymentMayHelp: true,
    });
    const partnerStays = estimateCouncilHelp(ask({ home: 'home_partner_or_relative_stays' }));
    expect(partnerStays).toMatchObject({ rule: 'below_lower_limit', homeCountedAfterWeeks: null });
    const atHome = estimateCouncilHelp(ask({ home: 'home_nobody_stays', careType: 'at_home' }));
    expect(atHome).toMatchObject({ rule: 'below_lower_limit', deferredPaymentMayHelp: false });
  });

  it('refuses negative amounts', () => {
    expect(() => estimateCouncilHelp(ask({ capitalPence: -1 }))).toThrow(RangeError);
    expect(() => estimateCouncilHelp(ask({ weeklyIncomePence: -1 }))).toThrow(RangeError);
  });

  it('never answers "may help" to someone with more savings than a person it turned away', () => {
    fc.assert(
      fc.property(questions, fc.nat(10_000_000), (q, extra) => {
        const less = estimateCouncilHelp(q);
        const more = estimateCouncilHelp({ ...q, capitalPence: q.capitalPence + extra });
        if (!less.councilMayHelp) expect(more.councilMayHelp).toBe(false);
        if (less.tariffIncomeWeeklyPence !== null && more.tariffIncomeWeeklyPence !== null) {
          expect(more.tariffIncomeWeeklyPence).toBeGreaterThanOrEqual(less.tariffIncomeWeeklyPence);
        }
      }),
    );
  });

  it('decides help on savings alone, never on income or the home', () => {
    fc.assert(
      fc.property(questions, (q) => {
        expect(estimateCouncilHelp(q).councilMayHelp).toBe(q.capitalPence <= T.upperCapitalLimitPence);
      }),
    );
  });

  it('asks a care home resident for no more than their income plus tariff income, never below zero, rising with income', () => {
    fc.assert(
      fc.property(questions, fc.nat(100_000), (q, raise) => {
        const e = estimateCouncilHelp({ ...q, careType: 'care_home' });
        if (e.weeklyContributionPence === null) return;
        expect(e.weeklyContributionPence).toBeGreaterThanOrEqual(0);
        expect(e.weeklyContributionPence).toBeLessThanOrEqual(q.weeklyIncomePence + e.tariffIncomeWeeklyPence!);
        const richer = estimateCouncilHelp({
          ...q,
          careType: 'care_home',
          weeklyIncomePence: q.weeklyIncomePence + raise,
        });
        expect(richer.weeklyContributionPence!).toBeGreaterThanOrEqual(e.weeklyContributionPence);
      }),
    );
  });

  it('ignores the home for care at home, and treats a protected home as no home', () => {
    fc.assert(
      fc.property(questions, (q) => {
        const none = estimateCouncilHelp({ ...q, home: 'no_home' });
        expect(estimateCouncilHelp({ ...q, home: 'home_partner_or_relative_stays' })).toEqual(none);
        if (q.careType === 'at_home') expect(estimateCouncilHelp({ ...q, home: 'home_nobody_stays' })).toEqual(none);
      }),
    );
  });
});
