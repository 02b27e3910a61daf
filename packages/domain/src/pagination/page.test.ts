import { describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { PAGE_LIMITS, PageQuerySchema, pageOf, pageOfAll, pageRequest } from './page.ts';

describe('pageRequest', () => {
  it('defaults to the first page of 20', () => {
    expect(pageRequest()).toEqual({ page: 1, perPage: 20, limit: 20, offset: 0 });
  });
  it('turns page and per_page into an offset', () => {
    expect(pageRequest({ page: 3, per_page: 50 })).toEqual({ page: 3, perPage: 50, limit: 50, offset: 100 });
  });
  it('never reads more than the bound, whatever it is asked', () => {
    expect(pageRequest({ per_page: 10_000 }).limit).toBe(PAGE_LIMITS.maxPerPage);
    expect(pageRequest({ page: 0, per_page: 0 })).toMatchObject({ page: 1, perPage: 1 });
  });
});

describe('the page query schema', () => {
  it('refuses a per_page above the bound and unknown parameters', () => {
    expect(Value.Check(PageQuerySchema, { per_page: PAGE_LIMITS.maxPerPage })).toBe(true);
    expect(Value.Check(PageQuerySchema, { per_page: PAGE_LIMITS.maxPerPage + 1 })).toBe(false);
    expect(Value.Check(PageQuerySchema, { perPage: 5 })).toBe(false);
  });
});

describe('pageOf and pageOfAll', () => {
  it('count the pages from the total', () => {
    expect(pageOf(['a'], 41, { page: 3, perPage: 20 })).toEqual({
      items: ['a'],
      total: 41,
      page: 3,
      perPage: 20,
      totalPages: 3,
    });
    expect(pageOf([], 0, { page: 1, perPage: 20 }).totalPages).toBe(0);
  });
  it('slice a list in memory without losing the total', () => {
    const all = Array.from({ length: 45 }, (_, i) => i);
    const last = pageOfAll(all, pageRequest({ page: 3, per_page: 20 }));
    expect(last.items).toEqual([40, 41, 42, 43, 44]);
    expect(last).toMatchObject({ total: 45, totalPages: 3 });
  });
});
