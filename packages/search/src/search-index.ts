// The one interface callers use for service search. Implementations: Meilisearch (meili-index.ts) and the
// Postgres fallback (postgres-index.ts). Callers never import the meilisearch client directly.
import type { CareType, CqcRating, FundingType, PriceUnit, SearchSort } from '@care-assist/domain';

/**
 * Bump when ServiceDocument changes shape: the API rebuilds an index whose documents carry an older version
 * (a reused data directory would otherwise keep documents without the new fields until each one changes).
 */
export const SERVICE_DOCUMENT_VERSION = 2;

/** What the index holds for each published service: enough to render a result without a database read. */
export interface ServiceDocument {
  id: string;
  documentVersion: number;
  slug: string;
  name: string;
  organisationName: string;
  summary: string;
  careTypes: CareType[];
  careTypeLabels: string[];
  specialisms: string[];
  languages: string[];
  town: string;
  county: string;
  postcode: string;
  _geo: { lat: number; lng: number };
  headlinePrice: { unit: PriceUnit; amountPence: number } | null;
  /** Flat copies of the prices, so they can be filtered and sorted on (null where not charged that way). */
  headlinePricePence: number | null;
  pricePerHourPence: number | null;
  pricePerVisitPence: number | null;
  pricePerNightPence: number | null;
  pricePerWeekPence: number | null;
  fundingAccepted: FundingType[];
  cqcRating: CqcRating;
  acceptingNewClients: boolean;
  councilAccredited: boolean;
  ratingMean: number | null;
  ratingCount: number;
  rankingScore: number;
  /** Value for money (computed by the ratings code); null until a service has enough reviews. */
  valueScore: number | null;
  /** Epoch milliseconds, for sorting by freshness. */
  updatedAt: number;
}

/** Every filter narrows the results (AND). List values match when the service has any of them. */
export interface SearchFilters {
  careType?: CareType | undefined;
  specialism?: string | undefined;
  funding?: FundingType | undefined;
  /** Price range in pence, per `priceUnit` when given, otherwise on the headline price. */
  priceMinPence?: number | undefined;
  priceMaxPence?: number | undefined;
  priceUnit?: PriceUnit | undefined;
  /** Minimum mean review rating (1-5); services without reviews are left out. */
  minRating?: number | undefined;
  /** Any of these CQC ratings. */
  cqcRatings?: CqcRating[] | undefined;
  acceptingNewClients?: boolean | undefined;
  language?: string | undefined;
  councilAccredited?: boolean | undefined;
}

export interface SearchRequest extends SearchFilters {
  text?: string | undefined;
  near?: { latitude: number; longitude: number; radiusKm: number } | undefined;
  sort: SearchSort;
  offset: number;
  limit: number;
}

export const FACET_NAMES = ['careTypes', 'specialisms', 'fundingAccepted', 'cqcRating', 'languages'] as const;
export type FacetName = (typeof FACET_NAMES)[number];
/** For each facet, how many matching services have each value. */
export type FacetCounts = Record<FacetName, Record<string, number>>;

export interface SearchHit extends ServiceDocument {
  /** Kilometres from `near`, or null when the search had no location. */
  distanceKm: number | null;
}

export type SearchBackend = 'meilisearch' | 'postgres';

export interface SearchResult {
  /** Which implementation answered (the fallback wrapper answers from either). */
  backend: SearchBackend;
  hits: SearchHit[];
  total: number;
  facets: FacetCounts;
}

export interface SearchHealth {
  ok: boolean;
  backend: SearchBackend;
  detail?: string;
}

export interface SearchIndex {
  readonly backend: SearchBackend;
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

/** The price field a price filter or sort applies to. */
export function priceField(unit: PriceUnit | undefined): keyof ServiceDocument {
  switch (unit) {
    case 'hour':
      return 'pricePerHourPence';
    case 'visit':
      return 'pricePerVisitPence';
    case 'night':
      return 'pricePerNightPence';
    case 'week':
      return 'pricePerWeekPence';
    default:
      return 'headlinePricePence';
  }
}

export function emptyFacets(): FacetCounts {
  return { careTypes: {}, specialisms: {}, fundingAccepted: {}, cqcRating: {}, languages: {} };
}
