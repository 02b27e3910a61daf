// How a service listing is shown: as a search document, a search result and a service page.
import {
  PRIOR_ANCHOR_MEAN,
  CQC_KEY_QUESTION_LABELS,
  careTypeLabel,
  headlinePrice,
  ratingText,
  type RatingSummary,
  type ServiceDetail,
  type ServiceSummary,
} from '@care-assist/domain';
import { SERVICE_DOCUMENT_VERSION, type SearchHit, type ServiceDocument } from '@care-assist/search';
import type { CqcKeyQuestionRow, PublicServiceRecord, ServiceRatingRow, ServiceRow } from './repository.ts';

/**
 * The search ranking is the recency-weighted Bayesian score kept in service_ratings by the rating
 * aggregator (@care-assist/domain ratings/maths.ts). A service whose group was never computed ranks at
 * the prior's anchor, as a service with no reviews in an area with no reviews would. The Postgres search
 * fallback must use the same value.
 */
export const NEUTRAL_RANKING_SCORE = PRIOR_ANCHOR_MEAN;
function ratingSummary(
  rating: Pick<ServiceRatingRow, 'meanOverall' | 'reviewCount' | 'rankingScore' | 'computedAt'> | null,
): RatingSummary {
  const count = rating?.reviewCount ?? 0;
  const stored = count > 0 ? (rating?.meanOverall ?? null) : null;
  const mean = stored === null ? null : Math.round(stored * 100) / 100;
  return {
    mean,
    count,
    rankingScore: rating?.computedAt ? Math.round(rating.rankingScore * 100) / 100 : NEUTRAL_RANKING_SCORE,
    text: ratingText(mean, count),
  };
}

function pricesOf(service: ServiceRow) {
  return {
    hour: service.pricePerHourPence,
    visit: service.pricePerVisitPence,
    night: service.pricePerNightPence,
    week: service.pricePerWeekPence,
  };
}

export function toServiceDocument({ service, organisation, rating }: PublicServiceRecord): ServiceDocument {
  const summary = ratingSummary(rating);
  const prices = pricesOf(service);
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
    ratingMean: summary.mean,
    ratingCount: summary.count,
    rankingScore: summary.rankingScore,
    valueScore: rating?.valueScore ?? null,
    updatedAt: service.updatedAt.getTime(),
  };
}

export function toServiceSummary(hit: SearchHit): ServiceSummary {
  return {
    id: hit.id,
    slug: hit.slug,
    name: hit.name,
    organisationName: hit.organisationName,
    summary: hit.summary,
    careTypes: hit.careTypes,
    town: hit.town,
    county: hit.county,
    postcode: hit.postcode,
    latitude: hit._geo.lat,
    longitude: hit._geo.lng,
    distanceKm: hit.distanceKm === null ? null : Math.round(hit.distanceKm * 100) / 100,
    headlinePrice: hit.headlinePrice,
    cqcRating: hit.cqcRating,
    acceptingNewClients: hit.acceptingNewClients,
    councilAccredited: hit.councilAccredited,
    fundingAccepted: hit.fundingAccepted,
    rating: {
      mean: hit.ratingMean,
      count: hit.ratingCount,
      rankingScore: hit.rankingScore,
      text: ratingText(hit.ratingMean, hit.ratingCount),
    },
    valueScore: hit.valueScore,
  };
}

const KEY_QUESTION_ORDER = Object.keys(CQC_KEY_QUESTION_LABELS);

export function toServiceDetail(
  record: PublicServiceRecord,
  keyQuestions: CqcKeyQuestionRow[] = [],
  photos: { fileName: string; altText: string }[] = [],
  organisationMembers = 1,
): ServiceDetail {
  const { service, organisation, rating } = record;
  const prices = pricesOf(service);
  return {
    ...toServiceSummary({ ...toServiceDocument(record), distanceKm: null }),
    description: service.description,
    addressLine1: service.addressLine1,
    addressLine2: service.addressLine2,
    specialisms: service.specialisms,
    fundingAccepted: service.fundingAccepted,
    prices: (['hour', 'visit', 'night', 'week'] as const).flatMap((unit) => {
      const amountPence = prices[unit];
      return amountPence === null ? [] : [{ unit, amountPence }];
    }),
    languages: service.languages,
    areaServedKm: service.areaServedKm,
    phone: service.phone,
    email: service.email,
    website: service.website,
    cqcLocationId: service.cqcLocationId,
    cqcRatingDate: service.cqcRatingDate,
    cqcKeyQuestions: [...keyQuestions]
      .sort((a, b) => KEY_QUESTION_ORDER.indexOf(a.keyQuestion) - KEY_QUESTION_ORDER.indexOf(b.keyQuestion))
      .map((k) => ({
        keyQuestion: k.keyQuestion,
        label: CQC_KEY_QUESTION_LABELS[k.keyQuestion],
        rating: k.rating,
        reportDate: k.reportDate,
      })),
    openingDetails: service.openingDetails,
    councilAccredited: service.councilAccredited,
    updatedAt: service.updatedAt.toISOString(),
    organisation: {
      id: organisation.id,
      name: organisation.name,
      sector: organisation.sector,
      claimable: organisation.source === 'cqc' && organisationMembers === 0,
    },
    rating: ratingSummary(rating),
    photos: photos.map(({ fileName, altText }) => ({ fileName, altText })),
  };
}
