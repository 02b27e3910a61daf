// Public surface of @care-assist/search. Callers use the SearchIndex interface and never the meilisearch client.
export type {
  SearchHealth,
  SearchHit,
  SearchIndex,
  SearchRequest,
  SearchResult,
  SearchSort,
  ServiceDocument,
} from './search-index.ts';
export { InvalidSearchRequestError, SearchTaskFailedError, SearchUnavailableError } from './search-errors.ts';
export { SERVICE_INDEX_SETTINGS, type ServiceIndexSettings } from './meili-settings.ts';
export { createMeiliSearchIndex, type MeiliSearchIndexOptions } from './meili-index.ts';
export {
  MEILISEARCH_SHA256,
  MEILISEARCH_VERSION,
  startEmbeddedMeilisearch,
  type EmbeddedMeilisearch,
  type EmbeddedMeilisearchOptions,
  type SpawnerLogger,
} from './meili-spawner.ts';
