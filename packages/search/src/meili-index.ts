// The Meilisearch implementation of SearchIndex. Owns the translation of a SearchRequest into Meilisearch
// filters and sorts, waiting for (and checking) every write task, the build-and-swap full reindex, and turning
// "cannot reach Meilisearch" into SearchUnavailableError so callers can fall back to Postgres.
import { haversineKm } from '@care-assist/domain';
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTask,
  type Hit,
  type SearchParams,
} from 'meilisearch';
import { SERVICE_INDEX_SETTINGS } from './meili-settings.ts';
import { InvalidSearchRequestError, SearchTaskFailedError, SearchUnavailableError } from './search-errors.ts';
import {
  emptyFacets,
  FACET_NAMES,
  priceField,
  type FacetCounts,
  type SearchFilters,
  type SearchHit,
  type SearchIndex,
  type SearchRequest,
  type ServiceDocument,
} from './search-index.ts';

export interface MeiliSearchIndexOptions {
  url: string;
  /** The master key or a key with search and write rights; omit only for a Meilisearch run without a master key. */
  apiKey?: string | undefined;
  indexName?: string;
  /** Per HTTP request. Default 5 s. */
  timeoutMs?: number;
  /** How long to wait for one indexing task to finish. Default 2 min. */
  taskTimeoutMs?: number;
  /** Documents per addDocuments / deleteDocuments call. Default 1000. */
  batchSize?: number;
}

const HEALTH_TIMEOUT_MS = 1_500;
const REINDEX_TIMEOUT_MS = 30 * 60_000;
const PRIMARY_KEY = 'id';

type MeiliHit = Hit<ServiceDocument & { _geoDistance?: number }>;

export function createMeiliSearchIndex(options: MeiliSearchIndexOptions): SearchIndex {
  const indexName = options.indexName ?? 'services';
  const batchSize = options.batchSize ?? 1_000;
  const auth = options.apiKey ? { apiKey: options.apiKey } : {};
  // Ask for uncompressed replies: over loopback or a private network gzip saves nothing, and each compressed
  // reply stalled about 40 ms in fetch's decompression (54 ms per search against 2.2 ms sent raw).
  const requestInit = { headers: { 'accept-encoding': 'identity' } };
  const client = new Meilisearch({
    host: options.url,
    ...auth,
    requestInit,
    timeout: options.timeoutMs ?? 5_000,
    defaultWaitOptions: { timeout: options.taskTimeoutMs ?? 120_000, interval: 50 },
  });
  const healthClient = new Meilisearch({ host: options.url, ...auth, requestInit, timeout: HEALTH_TIMEOUT_MS });

  /** Waits for enqueued tasks in order and throws if any of them did not succeed. */
  async function waitForTasks(tasks: EnqueuedTask[], what: string, timeoutMs?: number): Promise<void> {
    for (const enqueued of tasks) {
      const task = await client.tasks.waitForTask(enqueued.taskUid, timeoutMs ? { timeout: timeoutMs } : undefined);
      if (task.status !== 'succeeded') {
        throw new SearchTaskFailedError(
          `Meilisearch ${what} (task ${task.uid}) ${task.status}: ${task.error?.message ?? 'no reason given'}`,
          task.error?.code,
        );
      }
    }
  }

  async function ensureIndex(uid: string): Promise<void> {
    try {
      await client.getRawIndex(uid);
      return;
    } catch (error) {
      if (!isIndexNotFound(error)) throw error;
    }
    try {
      await waitForTasks([await client.createIndex(uid, { primaryKey: PRIMARY_KEY })], `create index ${uid}`);
    } catch (error) {
      // Another process created it between our check and our create: that is what we wanted.
      if (!(error instanceof SearchTaskFailedError && error.code === 'index_already_exists')) throw error;
    }
  }

  async function applySettings(uid: string): Promise<void> {
    await waitForTasks([await client.index(uid).updateSettings(SERVICE_INDEX_SETTINGS)], `settings of ${uid}`);
  }

  async function addDocuments(uid: string, documents: ServiceDocument[]): Promise<void> {
    const index = client.index<ServiceDocument>(uid);
    const enqueued: EnqueuedTask[] = [];
    // Enqueue every batch before waiting, so Meilisearch can index them together.
    for (const batch of chunks(documents, batchSize)) {
      enqueued.push(await index.addDocuments(batch, { primaryKey: PRIMARY_KEY }));
    }
    await waitForTasks(enqueued, `document upsert into ${uid}`);
  }

  async function guarded<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toSearchError(error, operation, indexName);
    }
  }

  return {
    backend: 'meilisearch',

    init: () =>
      guarded('init', async () => {
        await ensureIndex(indexName);
        await applySettings(indexName);
      }),

    upsert: (documents) => guarded('upsert', () => addDocuments(indexName, documents)),

    remove: (ids) =>
      guarded('remove', async () => {
        const index = client.index(indexName);
        const enqueued: EnqueuedTask[] = [];
        for (const batch of chunks(ids, batchSize)) enqueued.push(await index.deleteDocuments(batch));
        await waitForTasks(enqueued, `document removal from ${indexName}`);
      }),

    search: (request) =>
      guarded('search', async () => {
        const params = toSearchParams(request);
        const text = request.text?.trim() ?? '';
        const response = await client.index<ServiceDocument>(indexName).search<MeiliHit>(text, params);
        return {
          backend: 'meilisearch',
          hits: response.hits.map((hit) => toSearchHit(hit, request.near)),
          total: response.estimatedTotalHits ?? response.hits.length,
          facets: toFacetCounts(response.facetDistribution),
        };
      }),

    reindex: (documents, onProgress) =>
      guarded('reindex', async () => {
        const buildUid = `${indexName}_build_${Date.now()}`;
        let indexed = 0;
        try {
          await ensureIndex(buildUid);
          await applySettings(buildUid);
          // Enqueue every batch as it is read and wait once at the end: Meilisearch then indexes many
          // enqueued additions together (autobatching) while the next batch is read from Postgres, instead of
          // one small indexing run per batch (50,000 services took 117 s that way).
          const build = client.index<ServiceDocument>(buildUid);
          const enqueued: EnqueuedTask[] = [];
          for await (const batch of documents) {
            if (batch.length === 0) continue;
            for (const part of chunks(batch, batchSize)) {
              enqueued.push(await build.addDocuments(part, { primaryKey: PRIMARY_KEY }));
            }
            indexed += batch.length;
            onProgress?.(indexed);
          }
          // Autobatching makes the first task finish only when the whole batch does: on a busy machine 50,000
          // services took longer than one task's timeout, so a full build gets a timeout of its own.
          await waitForTasks(enqueued, `document upsert into ${buildUid}`, REINDEX_TIMEOUT_MS);
          await ensureIndex(indexName); // a swap needs both sides to exist
          // One task swaps the two names atomically: searches see the old index or the new one, never a mix.
          await waitForTasks(
            [await client.swapIndexes([{ indexes: [indexName, buildUid], rename: false }])],
            `swap of ${buildUid} into ${indexName}`,
          );
        } catch (error) {
          await client.deleteIndexIfExists(buildUid).catch(() => undefined);
          throw error;
        }
        // After the swap the build name holds the previous live documents.
        await waitForTasks([await client.deleteIndex(buildUid)], `deletion of the previous ${indexName}`);
        return indexed;
      }),

    count: () =>
      guarded('count', async () => {
        try {
          return (await client.index(indexName).getStats()).numberOfDocuments;
        } catch (error) {
          if (isIndexNotFound(error)) return 0;
          throw error;
        }
      }),

    health: async () => {
      try {
        const { status } = await healthClient.health();
        if (status !== 'available') return { ok: false, backend: 'meilisearch', detail: `status ${String(status)}` };
        await healthClient.getRawIndex(indexName);
        return { ok: true, backend: 'meilisearch' };
      } catch (error) {
        const detail = isIndexNotFound(error)
          ? `index "${indexName}" does not exist yet`
          : error instanceof Error
            ? error.message
            : String(error);
        return { ok: false, backend: 'meilisearch', detail };
      }
    },
  };
}

/**
 * The body of the POST /indexes/{uid}/search that `search(request)` sends. The bench sends it raw to measure the
 * floor, so the API is compared with exactly the work it asks of Meilisearch.
 */
export function meiliSearchBody(request: SearchRequest): SearchParams {
  return { q: request.text?.trim() ?? '', ...toSearchParams(request) };
}

function toSearchParams(request: SearchRequest): SearchParams {
  const { near, sort, offset, limit } = request;
  if (!Number.isInteger(offset) || offset < 0)
    throw new InvalidSearchRequestError(`offset must be a whole number >= 0`);
  if (!Number.isInteger(limit) || limit < 0) throw new InvalidSearchRequestError(`limit must be a whole number >= 0`);

  const filter: string[] = [];
  let nearestFirst: string | undefined;
  if (near) {
    const { latitude, longitude, radiusKm } = near;
    if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
      throw new InvalidSearchRequestError(`near must be a valid latitude/longitude, got ${latitude},${longitude}`);
    }
    if (!(radiusKm > 0 && Number.isFinite(radiusKm))) throw new InvalidSearchRequestError(`radiusKm must be > 0`);
    const point = `${latitude.toFixed(7)}, ${longitude.toFixed(7)}`;
    filter.push(`_geoRadius(${point}, ${Math.ceil(radiusKm * 1000)})`);
    nearestFirst = `_geoPoint(${point}):asc`;
  }
  filter.push(...filterExpressions(request));

  const byRating = ['rankingScore:desc', ...(nearestFirst ? [nearestFirst] : [])];
  let sortBy: string[] | undefined;
  if (sort === 'distance') {
    if (!nearestFirst) throw new InvalidSearchRequestError(`sort "distance" needs a location (near)`);
    sortBy = [nearestFirst];
  } else if (sort === 'rating') {
    sortBy = byRating;
  } else if (sort === 'price') {
    sortBy = [`${priceField(request.priceUnit)}:asc`, ...byRating];
  } else if (sort === 'value') {
    sortBy = ['valueScore:desc', ...byRating];
  } else if (!request.text?.trim()) {
    // Relevance without words to match would leave Meilisearch's internal order: best rated first is more useful.
    sortBy = byRating;
  }

  return {
    offset,
    limit,
    facets: [...FACET_NAMES],
    ...(filter.length > 0 ? { filter } : {}),
    ...(sortBy ? { sort: sortBy } : {}),
  };
}

function finiteNumber(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new InvalidSearchRequestError(`${what} must be a number`);
  return value;
}

/** The SearchFilters as Meilisearch filter expressions (ANDed). Values are quoted, numbers checked. */
function filterExpressions(filters: SearchFilters): string[] {
  const filter: string[] = [];
  if (filters.careType) filter.push(`careTypes = ${quoteFilterValue(filters.careType)}`);
  if (filters.specialism) filter.push(`specialisms = ${quoteFilterValue(filters.specialism)}`);
  if (filters.funding) filter.push(`fundingAccepted = ${quoteFilterValue(filters.funding)}`);
  if (filters.language) filter.push(`languages = ${quoteFilterValue(filters.language)}`);
  if (filters.cqcRatings && filters.cqcRatings.length > 0) {
    filter.push(`cqcRating IN [${filters.cqcRatings.map(quoteFilterValue).join(', ')}]`);
  }
  if (filters.acceptingNewClients !== undefined) filter.push(`acceptingNewClients = ${filters.acceptingNewClients}`);
  if (filters.councilAccredited !== undefined) filter.push(`councilAccredited = ${filters.councilAccredited}`);
  if (filters.minRating !== undefined) {
    filter.push(`ratingCount > 0 AND ratingMean >= ${finiteNumber(filters.minRating, 'minRating')}`);
  }
  const price = priceField(filters.priceUnit);
  if (filters.priceMinPence !== undefined) {
    filter.push(`${price} >= ${Math.trunc(finiteNumber(filters.priceMinPence, 'priceMinPence'))}`);
  }
  if (filters.priceMaxPence !== undefined) {
    filter.push(`${price} <= ${Math.trunc(finiteNumber(filters.priceMaxPence, 'priceMaxPence'))}`);
  }
  return filter;
}

function toFacetCounts(distribution: Record<string, Record<string, number>> | undefined): FacetCounts {
  const facets = emptyFacets();
  for (const name of FACET_NAMES) facets[name] = { ...(distribution?.[name] ?? {}) };
  return facets;
}

/** Filter values come from fixed enums today, but a quoted, escaped string can never change the filter's shape. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function toSearchHit(hit: MeiliHit, near: SearchRequest['near']): SearchHit {
  const { _geoDistance, _formatted, _rankingScore, _rankingScoreDetails, _matchesPosition, _federation, ...document } =
    hit;
  let distanceKm: number | null = null;
  if (near) {
    distanceKm =
      typeof _geoDistance === 'number'
        ? _geoDistance / 1000
        : haversineKm({ lat: near.latitude, lng: near.longitude }, document._geo);
  }
  return { ...document, distanceKm };
}

function isIndexNotFound(error: unknown): boolean {
  return error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found';
}

function toSearchError(error: unknown, operation: string, indexName: string): unknown {
  if (
    error instanceof MeilisearchRequestError ||
    error instanceof MeilisearchRequestTimeOutError ||
    error instanceof MeilisearchTaskTimeOutError
  ) {
    return new SearchUnavailableError(`Meilisearch ${operation} failed: ${error.message}`, { cause: error });
  }
  if (error instanceof MeilisearchApiError) {
    const code = error.cause?.code;
    if (error.response.status >= 500 || error.response.status === 401 || error.response.status === 403) {
      return new SearchUnavailableError(`Meilisearch ${operation} failed: ${error.message}`, { cause: error });
    }
    if (code === 'index_not_found') {
      return new SearchUnavailableError(`Meilisearch index "${indexName}" does not exist (was init() run?)`, {
        cause: error,
      });
    }
  }
  return error;
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
