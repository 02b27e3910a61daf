import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publishedText, suppressCell, suppressGroup, totalOfShown, type Cell } from './suppression.ts';

const counts = (values: number[]): Cell<number>[] => values.map((people) => ({ people, value: people }));

describe('small-number suppression', () => {
  it('hides a cell from fewer than 5 people and shows 5 or more', () => {
    expect(suppressCell({ people: 4, value: 4.5 })).toEqual({ suppressed: true, reason: 'small_number' });
    expect(suppressCell({ people: 0, value: 0 })).toEqual({ suppressed: true, reason: 'small_number' });
    expect(suppressCell({ people: 5, value: 4.5 })).toEqual({ suppressed: false, value: 4.5 });
    expect(publishedText(suppressCell({ people: 2, value: 2 }))).toBe('fewer than 5');
    expect(publishedText(suppressCell({ people: 12, value: 3.456 }), (v) => v.toFixed(1))).toBe('3.5');
  });

  it('hides a second cell when only one is small, so the total cannot give it away', () => {
    // 3 is primary; 6 is the smallest of the rest, hidden as its complement. Total shows 20 + 9 only.
    const group = suppressGroup(counts([20, 3, 9, 6]));
    expect(group).toEqual([
      { suppressed: false, value: 20 },
      { suppressed: true, reason: 'small_number' },
      { suppressed: false, value: 9 },
      { suppressed: true, reason: 'complementary' },
    ]);
    expect(totalOfShown(group)).toEqual({ total: 29, cellsLeftOut: 2 });
  });

  it('needs no complement when two or more cells are already small, or none are', () => {
    expect(suppressGroup(counts([2, 3, 50])).map((c) => c.suppressed)).toEqual([true, true, false]);
    expect(suppressGroup(counts([5, 6, 7])).map((c) => c.suppressed)).toEqual([false, false, false]);
    // A group of one small cell: hidden, nothing else to hide.
    expect(suppressGroup(counts([1]))).toEqual([{ suppressed: true, reason: 'small_number' }]);
  });

  it('never leaves exactly one hidden cell, never shows a small one, and totals only what it shows (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 20 }), (people) => {
        const group = suppressGroup(counts(people));
        const hidden = group.filter((cell) => cell.suppressed).length;
        // Exactly one hidden cell is only possible when the group has a single cell.
        if (people.length > 1) expect(hidden).not.toBe(1);
        group.forEach((cell, i) => {
          if (people[i]! < 5) expect(cell.suppressed).toBe(true);
          if (!cell.suppressed) expect(cell.value).toBe(people[i]);
        });
        const shownSum = group.reduce((sum, cell) => sum + (cell.suppressed ? 0 : cell.value), 0);
        expect(totalOfShown(group).total).toBe(shownSum);
        // Subtraction recovers at best the sum of two or more hidden cells, never a single small one.
        const hiddenSum = people.reduce((sum, p) => sum + p, 0) - shownSum;
        if (hidden >= 2) expect(hiddenSum).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('does not carry the hidden value anywhere in what it returns (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.string(), (people, secret) => {
        const published = suppressCell({ people, value: `secret:${secret}` });
        expect(JSON.stringify(published)).not.toContain('secret:');
      }),
    );
  });
});
