import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYING_FOR_CARE_THRESHOLDS as T, payingForCareSources, tariffIncomeWeeklyPence } from './thresholds.ts';

describe('tariffIncomeWeeklyPence', () => {
  it('is nothing at or below the lower limit and £1 for every £250 or part above it', () => {
    expect(tariffIncomeWeeklyPence(T.lowerCapitalLimitPence)).toBe(0);
    expect(tariffIncomeWeeklyPence(T.lowerCapitalLimitPence + 1)).toBe(100);
    expect(tariffIncomeWeeklyPence(T.lowerCapitalLimitPence + 25_000)).toBe(100);
    expect(tariffIncomeWeeklyPence(T.lowerCapitalLimitPence + 25_001)).toBe(200);
    // £23,250 - £14,250 = £9,000 = 36 steps of £250: £36 a week at the upper limit.
    expect(tariffIncomeWeeklyPence(T.upperCapitalLimitPence)).toBe(3_600);
    expect(tariffIncomeWeeklyPence(T.upperCapitalLimitPence + 1)).toBeNull();
  });

  it('never falls as capital rises, up to the upper limit', () => {
    fc.assert(
      fc.property(fc.nat(T.upperCapitalLimitPence), fc.nat(T.upperCapitalLimitPence), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(tariffIncomeWeeklyPence(low)!).toBeLessThanOrEqual(tariffIncomeWeeklyPence(high)!);
      }),
    );
  });
});

describe('the 2026 to 2027 figures and their sources', () => {
  it('match the published rates checked on 30 November 2026', () => {
    expect(T.year).toBe('2026 to 2027');
    expect([T.upperCapitalLimitPence, T.lowerCapitalLimitPence]).toEqual([2_325_000, 1_425_000]);
    // DWP, benefit and pension rates 2026 to 2027; DHSC, NHS-funded nursing care from 1 April 2026.
    expect(T.attendanceAllowanceWeeklyPence).toEqual({ lower: 7_670, higher: 11_460 });
    expect([T.carersAllowanceWeeklyPence, T.carersAllowanceEarningsLimitWeeklyPence]).toEqual([8_645, 20_400]);
    expect(T.fundedNursingCareWeeklyPence).toBe(26_768);
  });

  it('name a year and a source for every figure, and say when the allowance is an older year', () => {
    const sources = payingForCareSources();
    for (const s of sources) expect(s.year).toMatch(/^\d{4} to \d{4}$/);
    expect(sources.find((s) => s.figure === 'Personal Expenses Allowance')?.year).toBe(
      T.personalExpensesAllowanceYear ?? T.year,
    );
    expect(sources.map((s) => s.figure)).toEqual(
      expect.arrayContaining(['Upper and lower capital limits', 'Attendance Allowance', 'NHS-funded nursing care']),
    );
  });
});
