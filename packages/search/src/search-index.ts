// The one interface callers use for service search. Implementations: Meilisearch (meili-index.ts)
// and, later, a Postgres fallback. Callers never import the meilisearch client directly.
import type { CareType, CqcRating, FundingType, PriceUnit } from '@care-assist/domain';

/** What the index holds for each published service: enough to render a result without a database read. */
export interface ServiceDocument {
  id: string;
  slug: string;
  name: string;
  organisationName: string;
  summary: string;
  careTypes: CareType[];
  careTypeLabels: string[];
  specialisms: string[];
  town: string;
  county: string;
  postcode: string;
  _geo: { lat: number; lng: number };
  headlinePrice: { unit: PriceUnit; amountPence: number } | null;
  fundingAccepted: FundingType[];
  cqcRating: CqcRating;
  acceptingNewClients: boolean;
  ratingMean: number | null;
  ratingCount: number;
  rankingScore: number;
  /** Epoch milliseconds, for sorting by freshness. */
  updatedAt: number;
}

export type SearchSort = 'relevance' | 'distance' | 'rating';

export interface SearchRequest {
  text?: string | undefined;
  near?: { latitude: number; longitude: number; radiusKm: number } | undefined;
  careType?: CareType | undefined;
  /** Only services with this CQC rating. */
  cqcRating?: CqcRating | undefined;
  sort: SearchSort;
  offset: number;
  limit: number;
}

export interface SearchHit extends ServiceDocument {
  /** Kilometres from `near`, or null when the search had no location. */
  distanceKm: number | null;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
}

export interface SearchHealth {
  ok: boolean;
  backend: 'meilisearch' | 'postgres';
  detail?: string;
}

export interface SearchIndex {
  readonly backend: 'meilisearch' | 'postgres';
  /** Creates the index if needed and applies settings; waits until they are in force. */
  init(): Promise<void>;
  upsert(documents: ServiceDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResult>;
  /** Builds a fresh index from all documents and swaps it in atomically. */
  reindex(documents: AsyncIterable<ServiceDocument[]>, onProgress?: (indexed: number) => void): Promise<number>;
  /** Number of documents in the live index. */
  count(): Promise<number>;
  health(): Promise<SearchHealth>;
}
