import { describe, expect, it } from 'vitest';
import { SEARCH_LIMITS, formatSearchTotal } from './limits.ts';

describe('formatSearchTotal', () => {
  it('gives the exact figure below the cap and "at least" at it', () => {
    expect(formatSearchTotal(0)).toBe('0');
    expect(formatSearchTotal(9_999)).toBe('9,999');
    expect(formatSearchTotal(SEARCH_LIMITS.maxTotalHits)).toBe('10,000+');
  });
});
