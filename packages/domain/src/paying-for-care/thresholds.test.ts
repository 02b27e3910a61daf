import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYING_FOR_CARE_THRESHOLDS as T, tariffIncomeWeeklyPence } from './thresholds.ts';

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
