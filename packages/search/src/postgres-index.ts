// The Postgres implementation of SearchIndex: the fallback that answers when Meilisearch cannot be reached.
// Postgres is the source of truth, so writes are no-ops and searches read the live tables: full text through
// the stored services.search_vector and its GIN index, typos through the search_words dictionary (pg_trgm,
// migration 0013), organisation names through their own index, a bounding box then haversine distance, price
// order through the price indexes (migration 0023), the same filters, sorts, facets, paging and capped total as
// the Meilisearch implementation, and the same documents (service-document.ts).
// Each search is one statement that reads its candidates once (at most MAX_CANDIDATES without a place) and takes
// the page, the facets and the count from them.
import type { SearchSort } from '@care-assist/domain';
import { SERVICE_INDEX_SETTINGS, SYNONYM_GROUPS } from './meili-settings.ts';
import { InvalidSearchRequestError } from './search-errors.ts';
import { emptyFacets, FACET_NAMES, type SearchIndex, type SearchRequest } from './search-index.ts';
import {
  NEUTRAL_RANKING_SCORE,
  toServiceDocument,
  type ServiceDocumentFields,
  type ServiceRatingFields,
} from './service-document.ts';

/** Runs one parameterised statement ($1, $2 ...) and returns its rows. Keeps this package free of drivers. */
export type SqlQuery = <Row>(text: string, params: unknown[]) => Promise<Row[]>;

export interface PostgresSearchIndexOptions {
  query: SqlQuery;
  /** Candidates read for a search of all England (MAX_CANDIDATES); tests make it small. */
  maxCandidates?: number;
}

const EARTH_RADIUS_KM = 6371.0088;
/** A known word at least this similar (pg_trgm similarity) to a word of the query counts as that word with a typo. */
const TYPO_SIMILARITY = 0.3;
/** Like Meilisearch's pagination.maxTotalHits: totals stop here ("10,000+") and no page lies beyond it. */
export const MAX_TOTAL_HITS = SERVICE_INDEX_SETTINGS.pagination.maxTotalHits;
/**
 * A search of all England (no place) reads, ranks and counts facets over at most this many matching services (more, a
 * block at a time, only for pages beyond it), so a word found everywhere ("dementia": 13,000 services) costs what a
 * town does. They are the first in the order asked for (the cheapest through a price index, the best rated...),
 * so pages are exact, except that a text search ranks its matches by words and rating a block of this many at a
 * time (in id order). Past the cap the facets count the candidates and the total is the planner's estimate, as
 * Meilisearch's estimatedTotalHits is an estimate.
 * A place bounds the matches by itself, so searches near a place are never capped.
 */
export const MAX_CANDIDATES = 1000;
/** A service's ranking score as its document has it: rounded, or the neutral score until its group is computed. */
const RANKING_SQL = `(case when r.computed_at is not null then round(r.ranking_score::numeric, 2)::float8 else ${NEUTRAL_RANKING_SCORE}::float8 end)`;

const PRICE_COLUMNS = {
  hour: 's.price_per_hour_pence',
  visit: 's.price_per_visit_pence',
  night: 's.price_per_night_pence',
  week: 's.price_per_week_pence',
} as const;
// The same order as headlinePrice() in @care-assist/domain: hourly, weekly, nightly, per visit.
const HEADLINE_PRICE_SQL = `coalesce(${PRICE_COLUMNS.hour}, ${PRICE_COLUMNS.week}, ${PRICE_COLUMNS.night}, ${PRICE_COLUMNS.visit})`;

/** A hit as the statement returns it: the columns toServiceDocument reads, named as it reads them. */
type HitRow = ServiceDocumentFields & ServiceRatingFields & { organisationName: string; distanceKm: number | null };

/** Collects parameters and hands out their $n placeholders, so no value is ever spliced into SQL. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export function createPostgresSearchIndex({
  query,
  maxCandidates = MAX_CANDIDATES,
}: PostgresSearchIndexOptions): SearchIndex {
  if (!Number.isInteger(maxCandidates) || maxCandidates < 1)
    throw new Error('maxCandidates must be a whole number >= 1');
  return {
    backend: 'postgres',
    init: async () => {},
    // Postgres is the source of truth: there is nothing to copy.
    upsert: async () => {},
    remove: async () => {},
    reindex: async () => countPublished(query),
    count: () => countPublished(query),

    async search(request) {
      const { offset, limit } = request;
      if (!Number.isInteger(offset) || offset < 0) throw new InvalidSearchRequestError('offset must be >= 0');
      if (!Number.isInteger(limit) || limit < 0) throw new InvalidSearchRequestError('limit must be >= 0');
      const text = request.text?.trim();
      // The text's queries are worked out first and passed in as values: the planner then sees how many
      // services they match and picks its indexes for that.
      const words = text ? await textQueries(query, text) : undefined;
      const params = new Params();
      const match = whereClause(request, params, words);
      const orderBy = orderClause(request.sort, { hasText: Boolean(words), hasDistance: Boolean(match.distance) });
      // Past Meilisearch's cap there is nothing to page to, on either backend.
      const pageLimit = Math.max(0, Math.min(limit, MAX_TOTAL_HITS - offset));
      // A place bounds the matches (and its order reads them all anyway): only a search of all England is capped.
      // Whole blocks of candidates, so every page of a search reads the same ones whatever its offset.
      const cap = request.near
        ? undefined
        : maxCandidates * Math.max(1, Math.ceil((offset + pageLimit) / maxCandidates));
      // A text match is ranked a block of candidates at a time (in id order), so pages never repeat or skip one.
      const blocked = Boolean(words) && request.sort === 'relevance' && cap !== undefined;
      const pageOrder = blocked ? `block, ${orderBy}` : orderBy;
      const price = request.priceUnit ? PRICE_COLUMNS[request.priceUnit] : HEADLINE_PRICE_SQL;
      // The candidates come in the order of the results; a text match's in the primary key's order (its rank needs
      // every match, so it is worked out for the candidates only; see MAX_CANDIDATES).
      const candidateOrder = words && request.sort === 'relevance' ? undefined : orderBy;
      const ratingsFirst = match.usesRatings || (candidateOrder?.includes('ranking') ?? false);
      // One index lookup per candidate (a LATERAL with a LIMIT is never turned into a join): a hash join would
      // read all of service_ratings to rate a thousand candidates.
      const rated = (from: string) => `
        left join lateral (
          select ${RANKING_SQL} as ranking, r.value_score as value_for_money, r.review_count, r.mean_overall
            from service_ratings r where r.service_id = ${from}.id limit 1) r on true`;

      const [row] = await query<{ hits: HitRow[]; candidates: number | string; facets: FacetRow[] }>(
        `with candidates as materialized (
           select s.id, s.care_types, s.specialisms, s.funding_accepted, s.cqc_rating, s.languages,
                  ${match.distance ?? 'null::float8'} as distance_km, ${price} as price,
                  ${match.words ? `ts_rank_cd(s.search_vector, ${match.words})::float8` : '0::float8'} as text_rank
                  ${ratingsFirst ? ', r.ranking, r.value_for_money' : ''}
             from services s ${ratingsFirst ? rated('s') : ''}
            where ${match.where}
            order by ${candidateOrder ? `${candidateOrder}, ` : ''}s.id
            ${cap === undefined ? '' : `limit ${params.add(cap + 1)}`}),
         matched as materialized (
           select c.*${ratingsFirst ? '' : ', r.ranking, r.value_for_money'},
                  ${blocked ? `(row_number() over (order by c.id) - 1) / ${maxCandidates}` : '0'} as block
             from candidates c ${ratingsFirst ? '' : rated('c')}),
         page as (
           select * from matched order by ${pageOrder}, id limit ${params.add(pageLimit)} offset ${params.add(offset)})
         select
           (select coalesce(json_agg(h order by h.ord), '[]'::json) from (
              select row_number() over (order by ${pageOrder}, p.id) as ord, s.id, s.slug, s.name,
                     o.name as "organisationName", s.summary, s.care_types as "careTypes", s.specialisms,
                     s.languages, s.town, s.county, s.postcode, s.latitude, s.longitude,
                     s.price_per_hour_pence as "pricePerHourPence", s.price_per_visit_pence as "pricePerVisitPence",
                     s.price_per_night_pence as "pricePerNightPence", s.price_per_week_pence as "pricePerWeekPence",
                     s.funding_accepted as "fundingAccepted", s.cqc_rating as "cqcRating",
                     s.accepting_new_clients as "acceptingNewClients", s.council_accredited as "councilAccredited",
                     r.review_count as "reviewCount", r.mean_overall as "meanOverall",
                     r.ranking_score as "rankingScore", r.computed_at as "computedAt", r.value_score as "valueScore",
                     s.updated_at as "updatedAt", p.distance_km as "distanceKm"
                from page p
                join services s on s.id = p.id
                join organisations o on o.id = s.organisation_id
                left join service_ratings r on r.service_id = s.id) h) as hits,
           (select count(*) from matched) as candidates,
           (select coalesce(json_agg(f), '[]'::json) from (${facetSql('matched')}) f) as facets`,
        params.values,
      );

      const candidates = Number(row?.candidates ?? 0);
      // More matches than candidates: the total is the planner's estimate, as Meilisearch's estimatedTotalHits is.
      const capped = cap !== undefined && candidates > cap;
      const total = capped ? Math.max(candidates, await estimateMatches(query, request, words)) : candidates;
      const facets = emptyFacets();
      for (const facet of row?.facets ?? []) facets[facet.facet][facet.value] = Number(facet.n);
      return {
        backend: 'postgres',
        hits: (row?.hits ?? []).map((hit) => ({
          ...toServiceDocument({ service: hit, organisation: { name: hit.organisationName }, rating: hit }),
          distanceKm: hit.distanceKm === null ? null : Number(hit.distanceKm),
        })),
        total: Math.min(MAX_TOTAL_HITS, total),
        facets,
      };
    },

    async health() {
      try {
        await query('select 1', []);
        return { ok: true, backend: 'postgres' };
      } catch (error) {
        return { ok: false, backend: 'postgres', detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** The planner's estimate of how many services match: the total of a search with more matches than candidates. */
async function estimateMatches(query: SqlQuery, request: SearchRequest, text: TextQueries | undefined) {
  const params = new Params();
  const { where } = whereClause(request, params, text);
  const [row] = await query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    `explain (format json) select 1 from services s left join service_ratings r on r.service_id = s.id where ${where}`,
    params.values,
  );
  return Math.round(row?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

async function countPublished(query: SqlQuery): Promise<number> {
  const [row] = await query<{ n: number | string }>(
    `select count(*) as n from services where status = 'published'`,
    [],
  );
  return Number(row?.n ?? 0);
}

interface FacetRow {
  facet: (typeof FACET_NAMES)[number];
  value: string;
  n: number | string;
}

/** Counts of every facet value over the rows of `from` (the matched set), as (facet, value, n) rows. */
function facetSql(from: string): string {
  const columns: Record<(typeof FACET_NAMES)[number], string> = {
    careTypes: 'unnest(m.care_types)',
    specialisms: 'unnest(m.specialisms)',
    fundingAccepted: 'unnest(m.funding_accepted)',
    cqcRating: 'm.cqc_rating',
    languages: 'unnest(m.languages)',
  };
  return FACET_NAMES.map(
    (name) =>
      `select '${name}' as facet, v as value, count(*) as n from (select ${columns[name]} as v from ${from} m) f group by v`,
  ).join(' union all ');
}

/** Query text plus the same phrase with each synonym swapped in, so "elderly care" also finds "older people". */
export function withSynonyms(text: string): string[] {
  const lower = text.toLowerCase();
  const variants = new Set([lower]);
  for (const group of SYNONYM_GROUPS) {
    for (const phrase of group) {
      if (!new RegExp(`\\b${phrase}\\b`).test(lower)) continue;
      for (const other of group) if (other !== phrase) variants.add(lower.replace(phrase, other));
    }
  }
  return [...variants].slice(0, 12);
}

/** The tsqueries a text search matches services and organisation names with (synonyms and typos included). */
async function textQueries(query: SqlQuery, text: string): Promise<TextQueries> {
  const params = new Params();
  // websearch_to_tsquery accepts any input (quotes, emoji, stray operators) without a syntax error.
  const exact = withSynonyms(text)
    .map((variant) => `websearch_to_tsquery('english', ${params.add(variant)}::text)`)
    .join(' || ');
  const lower = `${params.add(text.toLowerCase())}::text`;
  // Typos: each word of the query, or a known word like it (search_typo_query, migration 0013), must match.
  const [row] = await query<TextQueries>(
    `select ((${exact}) || coalesce(search_typo_query('english', ${lower}, ${TYPO_SIMILARITY}), (${exact})))::text as words,
            (plainto_tsquery('simple', ${lower})
              || coalesce(search_typo_query('simple', ${lower}, ${TYPO_SIMILARITY}), plainto_tsquery('simple', ${lower})))::text
              as organisation_words`,
    params.values,
  );
  return row!;
}

interface TextQueries {
  words: string;
  organisation_words: string;
}

function whereClause(request: SearchRequest, params: Params, text: TextQueries | undefined) {
  const conditions = [`s.status = 'published'`];
  let words: string | undefined;
  let distance: string | undefined;
  if (text) {
    words = `${params.add(text.words)}::tsquery`;
    const organisationWords = `${params.add(text.organisation_words)}::tsquery`;
    // Words of services through the stored search_vector's GIN index, organisation names through theirs: as an
    // array the organisations' match is one more index condition, and the planner ORs the two bitmaps.
    conditions.push(`(s.search_vector @@ ${words} or s.organisation_id = any(array(
      select o.id from organisations o where to_tsvector('simple', o.name) @@ ${organisationWords})))`);
  }

  if (request.near) {
    const { latitude, longitude, radiusKm } = request.near;
    if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
      throw new InvalidSearchRequestError(`near must be a valid latitude/longitude, got ${latitude},${longitude}`);
    }
    if (!(radiusKm > 0 && Number.isFinite(radiusKm))) throw new InvalidSearchRequestError('radiusKm must be > 0');
    const lat = params.add(latitude);
    const lng = params.add(longitude);
    distance = `(2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(
      power(sin(radians(s.latitude - ${lat}::float8) / 2), 2)
      + cos(radians(${lat}::float8)) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - ${lng}::float8) / 2), 2)))))`;
    // A bounding box first (the latitude index narrows it to a band), then the exact distance.
    const box = boundingBox(latitude, longitude, radiusKm);
    conditions.push(
      `s.latitude between ${params.add(box.south)}::float8 and ${params.add(box.north)}::float8`,
      `s.longitude between ${params.add(box.west)}::float8 and ${params.add(box.east)}::float8`,
      `${distance} <= ${params.add(radiusKm)}::float8`,
    );
  }

  if (request.careType) conditions.push(`${params.add(request.careType)} = any(s.care_types)`);
  if (request.specialism) conditions.push(`${params.add(request.specialism)} = any(s.specialisms)`);
  if (request.funding) conditions.push(`${params.add(request.funding)} = any(s.funding_accepted)`);
  if (request.language) conditions.push(`${params.add(request.language)} = any(s.languages)`);
  if (request.cqcRatings && request.cqcRatings.length > 0) {
    conditions.push(`s.cqc_rating = any(${params.add(request.cqcRatings)}::text[])`);
  }
  if (request.acceptingNewClients !== undefined) {
    conditions.push(`s.accepting_new_clients = ${params.add(request.acceptingNewClients)}`);
  }
  if (request.councilAccredited !== undefined) {
    conditions.push(`s.council_accredited = ${params.add(request.councilAccredited)}`);
  }
  const usesRatings = request.minRating !== undefined;
  if (request.minRating !== undefined) {
    conditions.push(
      `coalesce(r.review_count, 0) > 0 and r.mean_overall >= ${params.add(finite(request.minRating, 'minRating'))}::real`,
    );
  }
  const price = request.priceUnit ? PRICE_COLUMNS[request.priceUnit] : HEADLINE_PRICE_SQL;
  if (request.priceMinPence !== undefined) {
    conditions.push(`${price} >= ${params.add(Math.trunc(finite(request.priceMinPence, 'priceMinPence')))}`);
  }
  if (request.priceMaxPence !== undefined) {
    conditions.push(`${price} <= ${params.add(Math.trunc(finite(request.priceMaxPence, 'priceMaxPence')))}`);
  }
  return { where: conditions.join(' and '), words, distance, usesRatings };
}

function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new InvalidSearchRequestError(`${what} must be a number`);
  return value;
}

/** The order of the matched set, in terms of its columns (distance_km, text_rank, ranking, value_for_money, price). */
function orderClause(sort: SearchSort, parts: { hasText: boolean; hasDistance: boolean }): string {
  const byRating = ['ranking desc', ...(parts.hasDistance ? ['distance_km asc'] : [])];
  switch (sort) {
    case 'distance':
      if (!parts.hasDistance) throw new InvalidSearchRequestError('sort "distance" needs a location (near)');
      return 'distance_km asc';
    case 'rating':
      return byRating.join(', ');
    case 'price':
      return ['price asc nulls last', ...byRating].join(', ');
    case 'value':
      return ['value_for_money desc nulls last', ...byRating].join(', ');
    default:
      return [...(parts.hasText ? ['text_rank desc'] : []), ...byRating].join(', ');
  }
}

/** Latitude and longitude bounds that contain every point within `radiusKm` (a little more near the poles). */
export function boundingBox(latitude: number, longitude: number, radiusKm: number) {
  const dLat = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const cosLat = Math.cos((latitude * Math.PI) / 180);
  const dLng = cosLat > 1e-6 ? Math.min(180, dLat / cosLat) : 180;
  return { south: latitude - dLat, north: latitude + dLat, west: longitude - dLng, east: longitude + dLng };
}
