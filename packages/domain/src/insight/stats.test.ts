import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { medianOf, quantile, quartilePosition, quartiles } from './stats.ts';

const finiteNumbers = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });

describe('quantile (type 7, as PostgreSQL percentile_cont)', () => {
  it('gives the middle value, or the mean of the two middle values', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([])).toBeNull();
    expect(medianOf([7])).toBe(7);
  });

  it('interpolates quartiles like percentile_cont: [1,2,3,4,5,6,7,8] -> 2.75 / 4.5 / 6.25', () => {
    expect(quartiles([8, 7, 6, 5, 4, 3, 2, 1])).toEqual({
      count: 8,
      min: 1,
      lowerQuartile: 2.75,
      median: 4.5,
      upperQuartile: 6.25,
      max: 8,
    });
    // Worked by hand: n=5, Q1 at position (5-1)*0.25 = 1 -> 20; Q3 at 3 -> 40.
    expect(quartiles([10, 20, 30, 40, 50])).toMatchObject({ lowerQuartile: 20, median: 30, upperQuartile: 40 });
  });

  it('ignores NaN and infinities, and refuses p outside 0..1', () => {
    expect(medianOf([1, Number.NaN, 3, Number.POSITIVE_INFINITY])).toBe(2);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });

  it('is ordered min <= Q1 <= median <= Q3 <= max and inside the data (property)', () => {
    fc.assert(
      fc.property(finiteNumbers, (values) => {
        const q = quartiles(values)!;
        expect(q.min).toBeLessThanOrEqual(q.lowerQuartile);
        expect(q.lowerQuartile).toBeLessThanOrEqual(q.median + 1e-9);
        expect(q.median).toBeLessThanOrEqual(q.upperQuartile + 1e-9);
        expect(q.upperQuartile).toBeLessThanOrEqual(q.max);
      }),
    );
  });

  it('does not depend on the order of the values, and moves with a shift (property)', () => {
    fc.assert(
      fc.property(
        finiteNumbers,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: -100, max: 100 }),
        (values, p, shift) => {
          const reversed = [...values].reverse();
          expect(quantile(reversed, p)).toBeCloseTo(quantile(values, p)!, 6);
          expect(
            quantile(
              values.map((v) => v + shift),
              p,
            ),
          ).toBeCloseTo(quantile(values, p)! + shift, 6);
        },
      ),
    );
  });

  it('splits the values: at least half are <= the median and at least half are >= it (property)', () => {
    fc.assert(
      fc.property(finiteNumbers, (values) => {
        const m = medianOf(values)!;
        expect(values.filter((v) => v <= m).length * 2).toBeGreaterThanOrEqual(values.length);
        expect(values.filter((v) => v >= m).length * 2).toBeGreaterThanOrEqual(values.length);
      }),
    );
  });

  it('places a value in its quarter of the spread', () => {
    const spread = { lowerQuartile: 10, median: 20, upperQuartile: 30 };
    expect(quartilePosition(5, spread)).toBe('below_lower_quartile');
    expect(quartilePosition(15, spread)).toBe('lower_middle');
    expect(quartilePosition(20, spread)).toBe('upper_middle');
    expect(quartilePosition(30, spread)).toBe('upper_middle');
    expect(quartilePosition(31, spread)).toBe('above_upper_quartile');
  });
});
