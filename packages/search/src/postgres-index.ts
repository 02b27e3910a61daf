// The Postgres implementation of SearchIndex: the fallback that answers when Meilisearch cannot be reached.
// Postgres is the source of truth, so writes are no-ops and searches read the live tables: full text through
// the service_search_vector() GIN index (migration 0004), pg_trgm word_similarity() for typos (the `%`
// operator is avoided on purpose: it misbehaves in PGlite), haversine distance in SQL, the same filters,
// sorts, facets and paging as the Meilisearch implementation, and the same documents.
import { PRIOR_ANCHOR_MEAN, careTypeLabel, headlinePrice, type CareType } from '@care-assist/domain';
import { SYNONYM_GROUPS } from './meili-settings.ts';
import { InvalidSearchRequestError } from './search-errors.ts';
import {
  emptyFacets,
  FACET_NAMES,
  SERVICE_DOCUMENT_VERSION,
  type FacetCounts,
  type SearchIndex,
  type SearchRequest,
  type SearchSort,
  type ServiceDocument,
} from './search-index.ts';

/** Runs one parameterised statement ($1, $2 ...) and returns its rows. Keeps this package free of drivers. */
export type SqlQuery = <Row>(text: string, params: unknown[]) => Promise<Row[]>;

export interface PostgresSearchIndexOptions {
  query: SqlQuery;
  /** Ranking score of a service without reviews; must match what the documents for Meilisearch use. */
  neutralRankingScore?: number;
}

const EARTH_RADIUS_KM = 6371.0088;
/** word_similarity() above this counts as a match with a typo ("Chelmsfrod" ~ "Chelmsford"). */
const TYPO_SIMILARITY = 0.5;

const PRICE_COLUMNS = {
  hour: 's.price_per_hour_pence',
  visit: 's.price_per_visit_pence',
  night: 's.price_per_night_pence',
  week: 's.price_per_week_pence',
} as const;
// The same order as headlinePrice() in @care-assist/domain: hourly, weekly, nightly, per visit.
const HEADLINE_PRICE_SQL = `coalesce(${PRICE_COLUMNS.hour}, ${PRICE_COLUMNS.week}, ${PRICE_COLUMNS.night}, ${PRICE_COLUMNS.visit})`;

interface ServiceRow {
  id: string;
  slug: string;
  name: string;
  organisation_name: string;
  summary: string;
  care_types: CareType[];
  specialisms: string[];
  languages: string[];
  town: string;
  county: string;
  postcode: string;
  latitude: number;
  longitude: number;
  price_per_hour_pence: number | null;
  price_per_visit_pence: number | null;
  price_per_night_pence: number | null;
  price_per_week_pence: number | null;
  funding_accepted: ServiceDocument['fundingAccepted'];
  cqc_rating: ServiceDocument['cqcRating'];
  accepting_new_clients: boolean;
  council_accredited: boolean;
  review_count: number | null;
  mean_overall: number | null;
  ranking_score: number | null;
  /** Set once the rating aggregator has computed this service's group; until then it ranks at the neutral score. */
  computed_at: Date | string | null;
  value_score: number | null;
  updated_at: Date | string;
  distance_km: number | null;
  total: number | string;
}

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
  neutralRankingScore = PRIOR_ANCHOR_MEAN,
}: PostgresSearchIndexOptions): SearchIndex {
  if (!Number.isFinite(neutralRankingScore)) throw new Error('neutralRankingScore must be a finite number');
  const neutralLiteral = String(neutralRankingScore);
  function toDocument(row: ServiceRow): ServiceDocument {
    const count = row.review_count ?? 0;
    const prices = {
      hour: row.price_per_hour_pence,
      visit: row.price_per_visit_pence,
      night: row.price_per_night_pence,
      week: row.price_per_week_pence,
    };
    const headline = headlinePrice(prices);
    return {
      id: row.id,
      documentVersion: SERVICE_DOCUMENT_VERSION,
      slug: row.slug,
      name: row.name,
      organisationName: row.organisation_name,
      summary: row.summary,
      careTypes: row.care_types,
      careTypeLabels: row.care_types.map(careTypeLabel),
      specialisms: row.specialisms,
      languages: row.languages,
      town: row.town,
      county: row.county,
      postcode: row.postcode,
      _geo: { lat: row.latitude, lng: row.longitude },
      headlinePrice: headline,
      headlinePricePence: headline?.amountPence ?? null,
      pricePerHourPence: prices.hour,
      pricePerVisitPence: prices.visit,
      pricePerNightPence: prices.night,
      pricePerWeekPence: prices.week,
      fundingAccepted: row.funding_accepted,
      cqcRating: row.cqc_rating,
      acceptingNewClients: row.accepting_new_clients,
      councilAccredited: row.council_accredited,
      ratingMean: count > 0 ? row.mean_overall : null,
      ratingCount: count,
      // The same rule and rounding as the Meilisearch documents (apps/api services/documents.ts).
      rankingScore:
        row.computed_at !== null && row.ranking_score !== null
          ? Math.round(row.ranking_score * 100) / 100
          : neutralRankingScore,
      valueScore: row.value_score,
      updatedAt: new Date(row.updated_at).getTime(),
    };
  }

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
      const params = new Params();
      const { where, textRank, distance } = whereClause(request, params);
      // A literal, not a parameter: an unused parameter (sort by distance) has no type and fails the query.
      const rankingScore = `(case when r.computed_at is not null then round(r.ranking_score::numeric, 2)::float8 else ${neutralLiteral}::float8 end)`;
      const orderBy = orderClause(request.sort, { textRank, distance, rankingScore, request });

      const limitParam = params.add(limit);
      const offsetParam = params.add(offset);
      const rows = await query<ServiceRow>(
        `select s.id, s.slug, s.name, o.name as organisation_name, s.summary, s.care_types, s.specialisms,
                s.languages, s.town, s.county, s.postcode, s.latitude, s.longitude, s.price_per_hour_pence,
                s.price_per_visit_pence, s.price_per_night_pence, s.price_per_week_pence, s.funding_accepted,
                s.cqc_rating, s.accepting_new_clients, s.council_accredited, r.review_count, r.mean_overall,
                r.ranking_score, r.computed_at, r.value_score, s.updated_at,
                ${distance ?? 'null::float8'} as distance_km, count(*) over () as total
           from services s
           join organisations o on o.id = s.organisation_id
           left join service_ratings r on r.service_id = s.id
          where ${where}
          order by ${orderBy}, s.id
          limit ${limitParam} offset ${offsetParam}`,
        params.values,
      );

      let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
      if (rows.length === 0 && offset > 0) {
        // Past the last page the window count is not there; count separately so `total` stays right.
        const countParams = new Params();
        const counted = whereClause(request, countParams);
        const [row] = await query<{ n: number | string }>(
          `select count(*) as n from services s join organisations o on o.id = s.organisation_id
             left join service_ratings r on r.service_id = s.id where ${counted.where}`,
          countParams.values,
        );
        total = Number(row?.n ?? 0);
      }

      return {
        hits: rows.map((row) => ({
          ...toDocument(row),
          distanceKm: row.distance_km === null ? null : Number(row.distance_km),
        })),
        total,
        facets: await facetCounts(query, request),
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

async function countPublished(query: SqlQuery): Promise<number> {
  const [row] = await query<{ n: number | string }>(
    `select count(*) as n from services where status = 'published'`,
    [],
  );
  return Number(row?.n ?? 0);
}

async function facetCounts(query: SqlQuery, request: SearchRequest): Promise<FacetCounts> {
  const params = new Params();
  const { where } = whereClause(request, params);
  const columns: Record<(typeof FACET_NAMES)[number], string> = {
    careTypes: 'unnest(m.care_types)',
    specialisms: 'unnest(m.specialisms)',
    fundingAccepted: 'unnest(m.funding_accepted)',
    cqcRating: 'm.cqc_rating',
    languages: 'unnest(m.languages)',
  };
  const rows = await query<{ facet: (typeof FACET_NAMES)[number]; value: string; n: number | string }>(
    `with m as (
       select s.care_types, s.specialisms, s.funding_accepted, s.cqc_rating, s.languages
         from services s
         join organisations o on o.id = s.organisation_id
         left join service_ratings r on r.service_id = s.id
        where ${where})
     ${FACET_NAMES.map((name) => `select '${name}' as facet, v as value, count(*) as n from (select ${columns[name]} as v from m) f group by v`).join(' union all ')}`,
    params.values,
  );
  const facets = emptyFacets();
  for (const row of rows) facets[row.facet][row.value] = Number(row.n);
  return facets;
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

function whereClause(request: SearchRequest, params: Params) {
  const conditions = [`s.status = 'published'`];
  let textRank: string | undefined;
  let distance: string | undefined;

  const text = request.text?.trim();
  if (text) {
    const vector = `service_search_vector(s.name, s.town, s.county, s.postcode, s.care_types, s.specialisms, s.summary)`;
    // websearch_to_tsquery accepts any input (quotes, emoji, stray operators) without a syntax error.
    const tsquery = withSynonyms(text)
      .map((variant) => `websearch_to_tsquery('english', ${params.add(variant)}::text)`)
      .join(' || ');
    const textParam = `${params.add(text.toLowerCase())}::text`;
    const orgWords = `to_tsvector('simple', o.name)`;
    const typo = `word_similarity(${textParam}, lower(s.name || ' ' || s.town || ' ' || o.name))`;
    conditions.push(
      `(${vector} @@ (${tsquery}) or ${orgWords} @@ plainto_tsquery('simple', ${textParam}) or ${typo} >= ${TYPO_SIMILARITY})`,
    );
    textRank = `(ts_rank_cd(${vector}, (${tsquery})) + ${typo})`;
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
    conditions.push(`${distance} <= ${params.add(radiusKm)}::float8`);
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
  return { where: conditions.join(' and '), textRank, distance };
}

function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new InvalidSearchRequestError(`${what} must be a number`);
  return value;
}

function orderClause(
  sort: SearchSort,
  parts: { textRank: string | undefined; distance: string | undefined; rankingScore: string; request: SearchRequest },
): string {
  const { textRank, distance, rankingScore, request } = parts;
  const byRating = [`${rankingScore} desc`, ...(distance ? [`${distance} asc`] : [])];
  switch (sort) {
    case 'distance':
      if (!distance) throw new InvalidSearchRequestError('sort "distance" needs a location (near)');
      return `${distance} asc`;
    case 'rating':
      return byRating.join(', ');
    case 'price': {
      const price = request.priceUnit ? PRICE_COLUMNS[request.priceUnit] : HEADLINE_PRICE_SQL;
      return [`${price} asc nulls last`, ...byRating].join(', ');
    }
    case 'value':
      return [`r.value_score desc nulls last`, ...byRating].join(', ');
    default:
      return [...(textRank ? [`${textRank} desc`] : []), ...byRating].join(', ');
  }
}
