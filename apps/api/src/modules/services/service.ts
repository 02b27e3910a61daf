// The public directory: search (answered by the search index) and service pages (answered by Postgres).
import { SEARCH_LIMITS, type SearchQuery, type SearchResponse, type ServiceDetail } from '@care-assist/domain';
import { locatePostcode, looksLikePostcode } from '@care-assist/geo';
import {
  InvalidSearchRequestError,
  SearchUnavailableError,
  type SearchIndex,
  type SearchSort,
} from '@care-assist/search';
import { NotFound, ServiceUnavailable, ValidationFailed } from '../../errors.ts';
import { toServiceDetail, toServiceDocument, toServiceSummary } from './documents.ts';
import type { ServiceRepository } from './repository.ts';

interface DirectoryDeps {
  services: ServiceRepository;
  search: SearchIndex;
}

export function createDirectoryService({ services, search }: DirectoryDeps) {
  return {
    async search(query: SearchQuery): Promise<SearchResponse> {
      const page = query.page ?? 1;
      const perPage = query.per_page ?? SEARCH_LIMITS.defaultPerPage;
      const words = query.q?.trim() ?? '';
      const where = query.postcode?.trim() ?? '';
      const radiusKm = query.radius_km ?? SEARCH_LIMITS.defaultRadiusKm;

      // "Where?" holds either a postcode (located offline) or a place name (searched as text).
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
          placeQuery = where;
        }
      }

      const sort: SearchSort = query.sort ?? (location && !words ? 'distance' : 'relevance');
      if (sort === 'distance' && !location) {
        throw new ValidationFailed('Sorting by distance needs a postcode.', [
          { field: 'sort', message: 'Enter a postcode to sort by distance' },
        ]);
      }

      const text = [words, placeQuery].filter(Boolean).join(' ');
      const result = await search
        .search({
          text: text || undefined,
          near: location ? { latitude: location.latitude, longitude: location.longitude, radiusKm } : undefined,
          careType: query.care_type,
          cqcRating: query.cqc_rating,
          sort,
          offset: (page - 1) * perPage,
          limit: perPage,
        })
        .catch((error: unknown) => {
          if (error instanceof SearchUnavailableError) {
            throw new ServiceUnavailable('Search is not available right now. Please try again in a minute.');
          }
          if (error instanceof InvalidSearchRequestError) throw new ValidationFailed(error.message);
          throw error;
        });
      return {
        items: result.hits.map(toServiceSummary),
        total: result.total,
        page,
        perPage,
        totalPages: Math.ceil(result.total / perPage),
        sort,
        location,
        placeQuery,
      };
    },

    async get(idOrSlug: string): Promise<ServiceDetail> {
      const record = await services.findPublishedByIdOrSlug(idOrSlug);
      if (!record) throw new NotFound('There is no published care service with that address.');
      return toServiceDetail(record, await services.cqcKeyQuestions(record.service.id));
    },

    /**
     * Rebuilds the search index from Postgres when it does not hold every published service
     * (first start, or data loaded while the API was down). A swap, so search never sees half an index.
     */
    async syncSearchIndex(
      onProgress?: (indexed: number, total: number) => void,
    ): Promise<{ rebuilt: boolean; count: number }> {
      const [published, indexed] = await Promise.all([services.countPublished(), search.count()]);
      if (published === indexed) return { rebuilt: false, count: indexed };
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
