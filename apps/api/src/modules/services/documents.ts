// How a service listing is shown: as a search document, a search result and a service page.
import {
  CQC_KEY_QUESTION_LABELS,
  bayesianScore,
  careTypeLabel,
  headlinePrice,
  ratingText,
  type RatingSummary,
  type ServiceDetail,
  type ServiceSummary,
} from '@care-assist/domain';
import type { SearchHit, ServiceDocument } from '@care-assist/search';
import type { CqcKeyQuestionRow, PublicServiceRecord, ServiceRatingRow, ServiceRow } from './repository.ts';

/** Until the reviews feature computes area priors, services with no reviews rank at a neutral 3 of 5. */
const NEUTRAL_PRIOR_MEAN = 3;

function ratingSummary(
  rating: Pick<ServiceRatingRow, 'meanOverall' | 'reviewCount' | 'rankingScore'> | null,
): RatingSummary {
  const count = rating?.reviewCount ?? 0;
  const mean = count > 0 ? (rating?.meanOverall ?? null) : null;
  return {
    mean,
    count,
    rankingScore: rating && count > 0 ? rating.rankingScore : bayesianScore(0, 0, NEUTRAL_PRIOR_MEAN),
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
  return {
    id: service.id,
    slug: service.slug,
    name: service.name,
    organisationName: organisation.name,
    summary: service.summary,
    careTypes: service.careTypes,
    careTypeLabels: service.careTypes.map(careTypeLabel),
    specialisms: service.specialisms,
    town: service.town,
    county: service.county,
    postcode: service.postcode,
    _geo: { lat: service.latitude, lng: service.longitude },
    headlinePrice: headlinePrice(pricesOf(service)),
    fundingAccepted: service.fundingAccepted,
    cqcRating: service.cqcRating,
    acceptingNewClients: service.acceptingNewClients,
    ratingMean: summary.mean,
    ratingCount: summary.count,
    rankingScore: summary.rankingScore,
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
    rating: {
      mean: hit.ratingMean,
      count: hit.ratingCount,
      rankingScore: hit.rankingScore,
      text: ratingText(hit.ratingMean, hit.ratingCount),
    },
  };
}

const KEY_QUESTION_ORDER = Object.keys(CQC_KEY_QUESTION_LABELS);

export function toServiceDetail(record: PublicServiceRecord, keyQuestions: CqcKeyQuestionRow[] = []): ServiceDetail {
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
    organisation: { id: organisation.id, name: organisation.name, sector: organisation.sector },
    rating: ratingSummary(rating),
  };
}
