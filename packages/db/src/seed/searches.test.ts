import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, generateDemoData } from './generate.ts';
import { generateDemoSearches } from './searches.ts';

describe('demo searches', () => {
  const data = generateDemoData(DEFAULT_SEED);
  const searches = generateDemoSearches(data, DEFAULT_SEED);

  it('are the same for the same seed, anonymous, and within the year before the reference date', () => {
    expect(generateDemoSearches(data, DEFAULT_SEED)).toEqual(searches);
    expect(searches.every((s) => s.outcode && /^[A-Z]{1,2}\d[A-Z\d]?$/.test(s.outcode))).toBe(true);
    expect(searches.every((s) => !('userId' in s))).toBe(true);
    const times = searches.map((s) => s.occurredAt!.getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(new Date('2026-11-01T09:00:00Z').getTime());
  });

  it('include specialist searches in rural districts that find nothing, and town searches that find plenty', () => {
    const rural = searches.filter((s) => s.outcode === 'NR25' || s.outcode === 'IP17' || s.outcode === 'TN17');
    expect(rural.some((s) => s.resultCount === 0)).toBe(true);
    const homeCareInTowns = searches.filter((s) => s.filters.care_type === 'home_care' && s.resultCount >= 3);
    expect(homeCareInTowns.length).toBeGreaterThan(100);
    expect(searches.filter((s) => s.resultCount === 0).length).toBeGreaterThan(50);
  });
});
