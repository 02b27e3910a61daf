// Public surface of @care-assist/search. Callers use the SearchIndex interface and never the meilisearch client.
export {
  emptyFacets,
  FACET_NAMES,
  SERVICE_DOCUMENT_VERSION,
  type FacetCounts,
  type FacetName,
  type SearchFilters,
  type SearchBackend,
  type SearchHealth,
  type SearchHit,
  type SearchIndex,
  type SearchRequest,
  type SearchResult,
  type ServiceDocument,
} from './search-index.ts';
export { createPostgresSearchIndex, type PostgresSearchIndexOptions, type SqlQuery } from './postgres-index.ts';
export { createFallbackSearchIndex, PRIMARY_RETRY_AFTER_MS, type FallbackSearchOptions } from './fallback-index.ts';
export {
  NEUTRAL_RANKING_SCORE,
  toServiceDocument,
  type ServiceDocumentFields,
  type ServiceDocumentSource,
  type ServiceRatingFields,
} from './service-document.ts';
export { InvalidSearchRequestError, SearchTaskFailedError, SearchUnavailableError } from './search-errors.ts';
export { SERVICE_INDEX_SETTINGS, type ServiceIndexSettings } from './meili-settings.ts';
export { createMeiliSearchIndex, meiliSearchBody, type MeiliSearchIndexOptions } from './meili-index.ts';
export {
  MEILISEARCH_SHA256,
  MEILISEARCH_VERSION,
  startEmbeddedMeilisearch,
  type EmbeddedMeilisearch,
  type EmbeddedMeilisearchOptions,
  type SpawnerLogger,
} from './meili-spawner.ts';
export { API_KEY_ACTIONS, createScopedApiKey } from './meili-keys.ts';
