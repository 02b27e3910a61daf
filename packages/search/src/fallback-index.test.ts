import { describe, expect, it } from 'vitest';
import { createFallbackSearchIndex, PRIMARY_RETRY_AFTER_MS } from './fallback-index.ts';
import { SearchUnavailableError } from './search-errors.ts';
import { emptyFacets, type SearchBackend, type SearchIndex, type SearchRequest } from './search-index.ts';

const request: SearchRequest = { sort: 'relevance', offset: 0, limit: 10 };

function fakeIndex(backend: SearchBackend, fail: () => Error | null = () => null) {
  const calls: string[] = [];
  const index: SearchIndex = {
    backend,
    init: async () => void calls.push('init'),
    upsert: async () => void calls.push('upsert'),
    remove: async () => void calls.push('remove'),
    reindex: async () => (calls.push('reindex'), 0),
    count: async () => (calls.push('count'), 7),
    health: async () => (calls.push('health'), { ok: true, backend }),
    async search() {
      calls.push('search');
      const error = fail();
      if (error) throw error;
      return { backend, hits: [], total: 0, facets: emptyFacets() };
    },
  };
  return { index, calls };
}

describe('createFallbackSearchIndex', () => {
  it('answers from the fallback while the primary is unavailable, then tries the primary again', async () => {
    let down = true;
    const primary = fakeIndex('meilisearch', () => (down ? new SearchUnavailableError('down') : null));
    const fallback = fakeIndex('postgres');
    const clock = { now: 0 };
    const fallbacks: number[] = [];
    const search = createFallbackSearchIndex(primary.index, fallback.index, {
      clock: () => new Date(clock.now),
      onFallback: (_error, retryAfterMs) => fallbacks.push(retryAfterMs),
    });

    expect((await search.search(request)).backend).toBe('postgres');
    expect(fallbacks).toEqual([PRIMARY_RETRY_AFTER_MS]);
    // Within the retry interval the primary is not asked at all.
    down = false;
    clock.now = PRIMARY_RETRY_AFTER_MS - 1;
    expect((await search.search(request)).backend).toBe('postgres');
    expect(primary.calls.filter((call) => call === 'search')).toHaveLength(1);
    clock.now = PRIMARY_RETRY_AFTER_MS;
    expect((await search.search(request)).backend).toBe('meilisearch');
  });

  it('passes other errors through and leaves writes, counts and health to the primary', async () => {
    const primary = fakeIndex('meilisearch', () => new Error('bad request'));
    const fallback = fakeIndex('postgres');
    const search = createFallbackSearchIndex(primary.index, fallback.index);
    await expect(search.search(request)).rejects.toThrow('bad request');
    await search.upsert([]);
    await search.remove([]);
    expect(await search.count()).toBe(7);
    expect(await search.health()).toEqual({ ok: true, backend: 'meilisearch' });
    expect(search.backend).toBe('meilisearch');
    expect(fallback.calls).toEqual([]);
  });
});
