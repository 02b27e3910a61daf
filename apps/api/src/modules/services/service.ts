// The public directory: search (answered by the search index, or by Postgres when the index is down) and
// service pages (answered by Postgres). Every search is recorded anonymously in search_events.
import {
  matchingCareTypes,
  SEARCH_LIMITS,
  type SearchQuery,
  type SearchResponse,
  type ServiceDetail,
  type SearchSort,
  type ServiceRecognition,
  type Suggestion,
} from '@care-assist/domain';
import {
  buildPlaceIndex,
  districtCentroids,
  locatePostcode,
  looksLikePostcode,
  outcodeOf,
  type PlaceIndex,
} from '@care-assist/geo';
import {
  InvalidSearchRequestError,
  SearchUnavailableError,
  SERVICE_DOCUMENT_VERSION,
  toServiceDocument,
  type SearchBackend,
  type SearchFilters,
  type SearchIndex,
  type SearchRequest,
  type SearchResult,
} from '@care-assist/search';
import { NotFound, ServiceUnavailable, ValidationFailed } from '../../errors.ts';
import { toServiceDetail, toServiceSummary } from './presenters.ts';
import type { ServiceRepository } from './repository.ts';
import type { SearchEventRepository } from './search-event-repository.ts';
import type { RecognitionService } from '../insight/recognitions.ts';

interface DirectoryDeps {
  services: ServiceRepository;
  /** Answers searches (createFallbackSearchIndex keeps it answering from Postgres while Meilisearch is down). */
  search: SearchIndex;
  searchEvents: SearchEventRepository;
  /** Which "highly rated" recognition each service shows (none when absent). */
  recognitions?: Pick<RecognitionService, 'forServices'>;
  /** Told when recognitions could not be read or a search could not be recorded. */
  onDegraded?: (what: string, error: unknown) => void;
  clock?: () => Date;
}

/** How long the place index is used before it is rebuilt from the published services' towns. */
export const PLACE_INDEX_TTL_MS = 60_000;

/** The filters of a query in SearchFilters terms (what both search backends understand). */
function filtersOf(query: SearchQuery): SearchFilters {
  const cqc = query.cqc_rating;
  return {
    careType: query.care_type,
    specialism: query.specialism,
    funding: query.funding,
    priceMinPence: query.price_min,
    priceMaxPence: query.price_max,
    priceUnit: query.price_unit,
    minRating: query.min_rating,
    cqcRatings: cqc === undefined ? undefined : Array.isArray(cqc) ? cqc : [cqc],
    acceptingNewClients: query.vacancies === true ? true : undefined,
    language: query.language?.trim() || undefined,
    councilAccredited: query.council_accredited === true ? true : undefined,
  };
}

export function createDirectoryService({
  services,
  search,
  searchEvents,
  recognitions,
  onDegraded,
  clock = () => new Date(),
}: DirectoryDeps) {
  /** Each service's recognition; a failure only loses the badges, never the answer. */
  async function recognitionsOf(ids: string[]): Promise<Map<string, ServiceRecognition>> {
    if (!recognitions) return new Map();
    return recognitions.forServices(ids).catch((error: unknown) => {
      onDegraded?.('could not read recognitions', error);
      return new Map<string, ServiceRecognition>();
    });
  }

  async function withRecognition<T extends { id: string }>(
    items: T[],
  ): Promise<(T & { highlyRated: ServiceRecognition | null })[]> {
    const shown = await recognitionsOf(items.map((item) => item.id));
    return items.map((item) => ({ ...item, highlyRated: shown.get(item.id) ?? null }));
  }

  let placeIndex: { index: PlaceIndex; builtAt: number } | null = null;

  /** Town name -> centroid, from where published services are; rebuilt at most once a minute. */
  async function places(): Promise<PlaceIndex> {
    const now = clock().getTime();
    if (!placeIndex || now - placeIndex.builtAt > PLACE_INDEX_TTL_MS) {
      placeIndex = { index: buildPlaceIndex(await services.townSightings()), builtAt: now };
    }
    return placeIndex.index;
  }

  /** The index's answer, its errors in the API's terms. */
  async function runSearch(request: SearchRequest): Promise<SearchResult> {
    try {
      return await search.search(request);
    } catch (error) {
      if (error instanceof SearchUnavailableError) {
        throw new ServiceUnavailable('Search is not available right now. Please try again in a minute.');
      }
      if (error instanceof InvalidSearchRequestError) throw new ValidationFailed(error.message);
      throw error;
    }
  }

  return {
    async search(query: SearchQuery): Promise<{ response: SearchResponse; backend: SearchBackend }> {
      const page = query.page ?? 1;
      const perPage = query.per_page ?? SEARCH_LIMITS.defaultPerPage;
      const words = query.q?.trim() ?? '';
      const where = query.postcode?.trim() ?? '';
      const radiusKm = query.radius_km ?? SEARCH_LIMITS.defaultRadiusKm;

      // "Where?" holds a postcode or a town; both are located and searched by distance, so the heading
      // ("near Chelmsford") and the results always agree. A place we cannot locate is an error, never text.
      let location: SearchResponse['location'] = null;
      let placeQuery: string | null = null;
      if (where) {
        const located = locatePostcode(where);
        if (located.ok) {
          location = { query: where, ...located.location, radiusKm };
        } else if (looksLikePostcode(where)) {
          throw new ValidationFailed(`We could not find the postcode "${where}".`, [
            { field: 'postcode', message: 'Enter a real UK postcode, like CM1 1AA, or a town name' },
          ]);
        } else {
          const place = (await places()).find(where);
          if (!place) {
            throw new ValidationFailed(`We could not find a place called "${where}".`, [
              {
                field: 'postcode',
                message: `We could not find a place called “${where}”; try a postcode, like CM1 1AA`,
              },
            ]);
          }
          placeQuery = where;
          const { latitude, longitude } = place;
          location = { query: where, label: place.name, kind: 'place', latitude, longitude, radiusKm };
        }
      }

      const sort: SearchSort = query.sort ?? (location && !words ? 'distance' : 'relevance');
      if (sort === 'distance' && !location) {
        throw new ValidationFailed('Sorting by distance needs a postcode.', [
          { field: 'sort', message: 'Enter a postcode to sort by distance' },
        ]);
      }

      if (query.price_min !== undefined && query.price_max !== undefined && query.price_min > query.price_max) {
        throw new ValidationFailed('The lowest price is above the highest price.', [
          { field: 'price_min', message: 'Enter a lowest price that is not above the highest price' },
        ]);
      }

      const filters = filtersOf(query);
      const text = words;
      const result = await runSearch({
        ...filters,
        text: text || undefined,
        near: location ? { latitude: location.latitude, longitude: location.longitude, radiusKm } : undefined,
        sort,
        offset: (page - 1) * perPage,
        limit: perPage,
      });

      // Anonymous by design: no user, no session, and of the location only the outcode district. The log write
      // and the recognition lookup are independent round trips, so they run side by side.
      const recorded = searchEvents
        .record({
          query: words || null,
          filters: { ...query, q: undefined, postcode: undefined, sort, radius_km: location ? radiusKm : undefined },
          outcode: location ? outcodeOf(where) : null,
          place: placeQuery,
          resultCount: result.total,
          backend: result.backend,
        })
        .catch((error: unknown) => onDegraded?.('could not record a search event', error));
      const [items] = await Promise.all([withRecognition(result.hits.map(toServiceSummary)), recorded]);

      return {
        backend: result.backend,
        response: {
          items,
          total: result.total,
          page,
          perPage,
          totalPages: Math.ceil(result.total / perPage),
          sort,
          location,
          placeQuery,
          facets: result.facets,
        },
      };
    },

    /** As-you-type suggestions: towns with published services, postcode districts, care types. */
    async suggest(typed: string, limit = 8): Promise<Suggestion[]> {
      const text = typed.trim();
      if (!text) return [];
      const careTypes = matchingCareTypes(text).map(({ code, label }): Suggestion => ({
        kind: 'care_type',
        label,
        value: code,
      }));
      const towns = (await services.townsStartingWith(text, limit)).map((town): Suggestion => ({
        kind: 'town',
        label: town,
        value: town,
      }));
      const outward = text.toUpperCase().replace(/\s+/g, '');
      const districts: Suggestion[] = [];
      if (/^[A-Z]{1,2}[0-9]?/.test(outward) && /[0-9]/.test(outward)) {
        for (const district of districtCentroids().keys()) {
          if (district.startsWith(outward))
            districts.push({ kind: 'postcode_district', label: district, value: district });
          if (districts.length >= limit) break;
        }
      }
      return [...towns, ...districts, ...careTypes].slice(0, limit);
    },

    async get(idOrSlug: string): Promise<ServiceDetail> {
      const record = await services.findPublishedByIdOrSlug(idOrSlug);
      if (!record) throw new NotFound('There is no published care service with that address.');
      // Four independent reads, side by side: a service page waits for the slowest, not their sum.
      const [keyQuestions, photos, members, recognised] = await Promise.all([
        services.cqcKeyQuestions(record.service.id),
        services.photos(record.service.id),
        services.memberCount(record.organisation.id),
        recognitionsOf([record.service.id]),
      ]);
      const detail = toServiceDetail(record, keyQuestions, photos, members);
      return { ...detail, highlyRated: recognised.get(record.service.id) ?? null };
    },

    /**
     * Rebuilds the search index from Postgres when it does not hold every published service
     * (first start, or data loaded while the API was down). A swap, so search never sees half an index.
     */
    async syncSearchIndex(
      onProgress?: (indexed: number, total: number) => void,
    ): Promise<{ rebuilt: boolean; count: number }> {
      const [published, indexed] = await Promise.all([services.countPublished(), search.count()]);
      const sample = indexed > 0 ? await search.search({ sort: 'relevance', offset: 0, limit: 1 }) : null;
      const current = !sample || sample.hits[0]?.documentVersion === SERVICE_DOCUMENT_VERSION;
      if (published === indexed && current) return { rebuilt: false, count: indexed };
      const count = await search.reindex(
        (async function* () {
          for await (const batch of services.publishedInBatches()) yield batch.map(toServiceDocument);
        })(),
        (done) => onProgress?.(done, published),
      );
      return { rebuilt: true, count };
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
