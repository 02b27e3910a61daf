import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateWeeklyCost } from './weekly-cost.ts';

describe('estimateWeeklyCost', () => {
  it('multiplies hours by the hourly price and spells out the sum', () => {
    expect(estimateWeeklyCost({ hour: 2850 }, { hoursPerWeek: 10 })).toEqual({
      pencePerWeek: 28_500,
      basis: '10 hours × £28.50',
    });
    expect(estimateWeeklyCost({ hour: 2850 }, { hoursPerWeek: 1 })?.basis).toBe('1 hour × £28.50');
    expect(estimateWeeklyCost({ hour: 2850 }, { hoursPerWeek: 7.5 })?.pencePerWeek).toBe(21_375);
  });

  it('adds nights and visits priced by their own units', () => {
    expect(estimateWeeklyCost({ hour: 2500, night: 14_000 }, { hoursPerWeek: 4, nightsPerWeek: 2 })).toEqual({
      pencePerWeek: 38_000,
      basis: '4 hours × £25.00 + 2 nights × £140.00',
    });
    expect(estimateWeeklyCost({ visit: 1800 }, { visitsPerWeek: 14 })?.pencePerWeek).toBe(25_200);
  });

  it('uses a weekly price as it is, whatever the hours', () => {
    expect(estimateWeeklyCost({ week: 125_000, hour: null }, { hoursPerWeek: 40 })).toEqual({
      pencePerWeek: 125_000,
      basis: '£1,250.00 a week',
    });
  });

  it('gives no estimate when a need has no price or nothing is needed', () => {
    expect(estimateWeeklyCost({ hour: 2850 }, { nightsPerWeek: 3 })).toBeNull();
    expect(estimateWeeklyCost({ hour: 2850 }, { hoursPerWeek: 5, nightsPerWeek: 1 })).toBeNull();
    expect(estimateWeeklyCost({ hour: 2850 }, {})).toBeNull();
    expect(estimateWeeklyCost({ hour: 2850 }, { hoursPerWeek: -3 })).toBeNull();
    expect(estimateWeeklyCost({ hour: 2850 }, { hoursPerWeek: Number.NaN })).toBeNull();
  });

  it('caps hours at a whole week', () => {
    expect(estimateWeeklyCost({ hour: 1000 }, { hoursPerWeek: 1000 })?.pencePerWeek).toBe(168_000);
  });

  it('never falls when more hours are needed, and is a whole number of pence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.double({ min: 0.5, max: 168, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (hourPence, hours, more) => {
          const less = estimateWeeklyCost({ hour: hourPence }, { hoursPerWeek: hours })!;
          const most = estimateWeeklyCost({ hour: hourPence }, { hoursPerWeek: hours + more })!;
          expect(Number.isInteger(less.pencePerWeek)).toBe(true);
          expect(most.pencePerWeek).toBeGreaterThanOrEqual(less.pencePerWeek);
        },
      ),
    );
  });
});
