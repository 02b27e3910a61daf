// The one place a search document is built from a service's row, its organisation's name and its stored rating:
// the API's outbox worker and reindex send these to Meilisearch, and the Postgres fallback answers with them.
import { PRIOR_ANCHOR_MEAN, careTypeLabel, headlinePrice } from '@care-assist/domain';
import { SERVICE_DOCUMENT_VERSION, type ServiceDocument } from './search-index.ts';

/**
 * The search ranking is the recency-weighted Bayesian score kept in service_ratings by the rating aggregator
 * (@care-assist/domain ratings/maths.ts). A service whose group was never computed ranks at the prior's anchor,
 * as a service with no reviews in an area with no reviews would.
 */
export const NEUTRAL_RANKING_SCORE = PRIOR_ANCHOR_MEAN;

/** The columns of a service a document needs (a drizzle row of `services` has them all). */
export interface ServiceDocumentFields {
  id: string;
  slug: string;
  name: string;
  summary: string;
  careTypes: ServiceDocument['careTypes'];
  specialisms: string[];
  languages: string[];
  town: string;
  county: string;
  postcode: string;
  latitude: number;
  longitude: number;
  pricePerHourPence: number | null;
  pricePerVisitPence: number | null;
  pricePerNightPence: number | null;
  pricePerWeekPence: number | null;
  fundingAccepted: ServiceDocument['fundingAccepted'];
  cqcRating: ServiceDocument['cqcRating'];
  acceptingNewClients: boolean;
  councilAccredited: boolean;
  /** A Date, or its JSON text when the row came through json_agg. */
  updatedAt: Date | string;
}

/** The stored aggregates of service_ratings (null fields, or no row, until the service has any). */
export interface ServiceRatingFields {
  reviewCount: number | null;
  meanOverall: number | null;
  rankingScore: number | null;
  /** Set once the rating aggregator has computed this service's group; until then it ranks at the neutral score. */
  computedAt: Date | string | null;
  valueScore: number | null;
}

export interface ServiceDocumentSource {
  service: ServiceDocumentFields;
  organisation: { name: string };
  rating: ServiceRatingFields | null;
}

const roundTo2 = (value: number) => Math.round(value * 100) / 100;

export function toServiceDocument({ service, organisation, rating }: ServiceDocumentSource): ServiceDocument {
  const ratingCount = rating?.reviewCount ?? 0;
  const mean = ratingCount > 0 ? (rating?.meanOverall ?? null) : null;
  const computedScore = rating?.computedAt ? rating.rankingScore : null;
  const prices = {
    hour: service.pricePerHourPence,
    visit: service.pricePerVisitPence,
    night: service.pricePerNightPence,
    week: service.pricePerWeekPence,
  };
  const headline = headlinePrice(prices);
  return {
    id: service.id,
    documentVersion: SERVICE_DOCUMENT_VERSION,
    slug: service.slug,
    name: service.name,
    organisationName: organisation.name,
    summary: service.summary,
    careTypes: service.careTypes,
    careTypeLabels: service.careTypes.map(careTypeLabel),
    specialisms: service.specialisms,
    languages: service.languages,
    town: service.town,
    county: service.county,
    postcode: service.postcode,
    _geo: { lat: service.latitude, lng: service.longitude },
    headlinePrice: headline,
    headlinePricePence: headline?.amountPence ?? null,
    pricePerHourPence: prices.hour,
    pricePerVisitPence: prices.visit,
    pricePerNightPence: prices.night,
    pricePerWeekPence: prices.week,
    fundingAccepted: service.fundingAccepted,
    cqcRating: service.cqcRating,
    acceptingNewClients: service.acceptingNewClients,
    councilAccredited: service.councilAccredited,
    ratingMean: mean === null ? null : roundTo2(mean),
    ratingCount,
    rankingScore:
      computedScore === null || computedScore === undefined ? NEUTRAL_RANKING_SCORE : roundTo2(computedScore),
    valueScore: rating?.valueScore ?? null,
    updatedAt: new Date(service.updatedAt).getTime(),
  };
}
