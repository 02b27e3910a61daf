// How a service listing is shown: as a search result and a service page (its search document is built by
// toServiceDocument in @care-assist/search, which the Postgres fallback uses too).
import { CQC_KEY_QUESTION_LABELS, ratingText, type ServiceDetail, type ServiceSummary } from '@care-assist/domain';
import { toServiceDocument, type SearchHit } from '@care-assist/search';
import type { CqcKeyQuestionRow, PublicServiceRecord } from './repository.ts';

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
  const { service, organisation } = record;
  const document = toServiceDocument(record);
  const prices = {
    hour: document.pricePerHourPence,
    visit: document.pricePerVisitPence,
    night: document.pricePerNightPence,
    week: document.pricePerWeekPence,
  };
  return {
    ...toServiceSummary({ ...document, distanceKm: null }),
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
    photos: photos.map(({ fileName, altText }) => ({ fileName, altText })),
  };
}
