// Search never goes dark: a SearchIndex that asks the primary (Meilisearch) and, when it cannot be reached,
// answers from the fallback (Postgres). After a failure the primary is left alone for a while (a circuit
// breaker), so a hung Meilisearch costs one request its timeout, not every request. Writes, counts and health
// are the primary's: the fallback reads the source of truth and has nothing to keep.
import { SearchUnavailableError } from './search-errors.ts';
import type { SearchIndex } from './search-index.ts';

/**
 * After the primary fails, searches go straight to the fallback for this long before the primary is tried again.
 */
export const PRIMARY_RETRY_AFTER_MS = 10_000;

export interface FallbackSearchOptions {
  retryAfterMs?: number;
  clock?: () => Date;
  /** Told each time the primary fails and the fallback takes over. */
  onFallback?: (error: unknown, retryAfterMs: number) => void;
}

export function createFallbackSearchIndex(
  primary: SearchIndex,
  fallback: SearchIndex,
  { retryAfterMs = PRIMARY_RETRY_AFTER_MS, clock = () => new Date(), onFallback }: FallbackSearchOptions = {},
): SearchIndex {
  let primaryDownUntil = 0;
  return {
    backend: primary.backend,
    init: () => primary.init(),
    upsert: (documents) => primary.upsert(documents),
    remove: (ids) => primary.remove(ids),
    reindex: (documents, onProgress) => primary.reindex(documents, onProgress),
    count: () => primary.count(),
    health: () => primary.health(),

    async search(request) {
      if (clock().getTime() < primaryDownUntil) return fallback.search(request);
      try {
        return await primary.search(request);
      } catch (error) {
        if (!(error instanceof SearchUnavailableError)) throw error;
        primaryDownUntil = clock().getTime() + retryAfterMs;
        onFallback?.(error, retryAfterMs);
        return fallback.search(request);
      }
    },
  };
}
