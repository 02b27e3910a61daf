// Our rows as Open Referral UK objects. What leaves here is what the public directory already shows on a
// service page: no people, no reviews' authors, no organisation contact people. Organisation email and phone are
// left out on purpose: for small providers they are often one person's own address.
import {
  CQC_RATINGS,
  ORUK_ADULT_MINIMUM_AGE,
  FUNDING_TYPES,
  SECTORS,
  PRICE_UNITS,
  formatPrice,
  type OrukOrganization,
  type OrukOrganizationSummary,
  type OrukService,
  type OrukServiceAtLocation,
  type OrukServiceSummary,
  type PriceUnit,
} from '@care-assist/domain';
import type { OrganisationRow, ServiceRow } from '@care-assist/db';
import { derivedId } from './ids.ts';
import { termFor } from './taxonomy.ts';

export interface PresenterContext {
  /** The web app's public origin, for links to our own pages. */
  webOrigin: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function httpUrl(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function email(value: string | null): string | undefined {
  return value && EMAIL.test(value) ? value : undefined;
}

function prices(service: ServiceRow): { unit: PriceUnit; amountPence: number }[] {
  const byUnit: [PriceUnit, number | null][] = [
    ['hour', service.pricePerHourPence],
    ['visit', service.pricePerVisitPence],
    ['night', service.pricePerNightPence],
    ['week', service.pricePerWeekPence],
  ];
  return byUnit.flatMap(([unit, amountPence]) => (amountPence === null ? [] : [{ unit, amountPence }]));
}

function accreditations(service: ServiceRow): string | undefined {
  const parts: string[] = [];
  const rating = CQC_RATINGS[service.cqcRating] ?? service.cqcRating;
  if (service.cqcLocationId) {
    const date = service.cqcRatingDate ? ` (inspection report ${service.cqcRatingDate})` : '';
    parts.push(`Registered with the Care Quality Commission, location ${service.cqcLocationId}: ${rating}${date}`);
  } else if (service.cqcRating !== 'not_yet_rated') {
    parts.push(`Care Quality Commission rating: ${rating}`);
  }
  if (service.councilAccredited) parts.push('Accredited by the council');
  return parts.length ? parts.join('. ') : undefined;
}

function organisationDescription(organisation: OrganisationRow): string {
  // Sector is not known for CQC-imported organisations until their provider says.
  const sector = organisation.sector ? SECTORS[organisation.sector] : null;
  return `${sector ? `${sector} sector provider` : 'Provider'} of adult social care${organisation.verifiedAt ? ', verified by the council' : ''}.`;
}

export function presentOrganisationSummary(organisation: OrganisationRow): OrukOrganizationSummary {
  const website = httpUrl(organisation.website);
  return {
    id: organisation.id,
    name: organisation.name,
    description: organisationDescription(organisation),
    ...(website ? { website } : {}),
  };
}

export function presentServiceSummary(
  service: ServiceRow,
  organisation: OrganisationRow,
  ctx: PresenterContext,
): OrukServiceSummary {
  const url = httpUrl(service.website) ?? `${ctx.webOrigin}/services/${encodeURIComponent(service.slug)}`;
  const serviceEmail = email(service.email);
  const fees = prices(service).map(formatPrice).join('; ');
  const accredited = accreditations(service);
  return {
    id: service.id,
    organization_id: service.organisationId,
    name: service.name,
    description: [service.summary, service.description].filter((part) => part.trim()).join('\n\n') || service.name,
    url,
    ...(serviceEmail ? { email: serviceEmail } : {}),
    status: 'active',
    ...(fees ? { fees } : {}),
    ...(accredited ? { accreditations: accredited } : {}),
    minimum_age: ORUK_ADULT_MINIMUM_AGE,
    last_modified: service.updatedAt.toISOString(),
    organization: presentOrganisationSummary(organisation),
  };
}

export function presentServiceAtLocation(
  service: ServiceRow,
  organisation: OrganisationRow | null,
  ctx: PresenterContext,
): OrukServiceAtLocation {
  const locationId = derivedId('location', service.id);
  const address1 = [service.addressLine1, service.addressLine2].filter(Boolean).join(', ');
  return {
    id: derivedId('service_at_location', service.id),
    service_id: service.id,
    location_id: locationId,
    location: {
      id: locationId,
      location_type: 'physical',
      name: service.name,
      latitude: service.latitude,
      longitude: service.longitude,
      ...(service.cqcLocationId
        ? { external_identifier: service.cqcLocationId, external_identifier_type: 'CQC location ID' }
        : {}),
      addresses: [
        {
          id: derivedId('address', service.id),
          location_id: locationId,
          address_1: address1,
          city: service.town,
          state_province: service.county,
          postal_code: service.postcode,
          country: 'GB',
          address_type: 'physical',
        },
      ],
    },
    ...(organisation ? { service: presentServiceSummary(service, organisation, ctx) } : {}),
  };
}

export function presentService(service: ServiceRow, organisation: OrganisationRow, ctx: PresenterContext): OrukService {
  const contactId = derivedId('contact', service.id);
  const terms = [
    ...service.careTypes.map((code) => termFor('care_type', code)),
    ...service.specialisms.map((code) => termFor('specialism', code)),
  ].filter((term) => term !== undefined);
  const contactEmail = email(service.email);
  return {
    ...presentServiceSummary(service, organisation, ctx),
    schedules: service.openingDetails?.trim()
      ? [{ id: derivedId('schedule', service.id), service_id: service.id, description: service.openingDetails.trim() }]
      : [],
    service_areas:
      service.areaServedKm !== null
        ? [
            {
              id: derivedId('service_area', service.id),
              service_id: service.id,
              name: `Within ${service.areaServedKm} km of ${service.town}`,
              service_area: `Within ${service.areaServedKm} km of ${service.postcode}, ${service.town}, ${service.county}`,
            },
          ]
        : [],
    service_at_locations: [presentServiceAtLocation(service, null, ctx)],
    languages: service.languages.map((name) => ({
      id: derivedId('language', service.id, name),
      service_id: service.id,
      name,
    })),
    funding: service.fundingAccepted.map((code) => ({
      id: derivedId('funding', service.id, code),
      service_id: service.id,
      source: FUNDING_TYPES[code] ?? code,
    })),
    cost_options: prices(service).map((price) => ({
      id: derivedId('cost_option', service.id, price.unit),
      service_id: service.id,
      option: `Charged ${PRICE_UNITS[price.unit]}`,
      amount: price.amountPence / 100,
      amount_description: formatPrice(price),
      currency: 'GBP',
    })),
    contacts:
      service.phone || contactEmail
        ? [
            {
              id: contactId,
              service_id: service.id,
              name: service.name,
              ...(contactEmail ? { email: contactEmail } : {}),
              phones: service.phone
                ? [
                    {
                      id: derivedId('phone', service.id),
                      contact_id: contactId,
                      number: service.phone,
                      description: 'Enquiries',
                    },
                  ]
                : [],
            },
          ]
        : [],
    attributes: terms.map((term) => ({
      id: derivedId('attribute', service.id, term.id),
      link_id: service.id,
      link_type: 'service',
      taxonomy_term_id: term.id,
      taxonomy_term: term,
    })),
  };
}

export function presentOrganisation(
  organisation: OrganisationRow,
  published: ServiceRow[],
  ctx: PresenterContext,
): OrukOrganization {
  const identifiers: { type: string; scheme: string; value: string | null }[] = [
    { type: 'CQC provider ID', scheme: 'GB-CQC', value: organisation.cqcProviderId },
    { type: 'Company number', scheme: 'GB-COH', value: organisation.companyNumber },
    { type: 'Charity number', scheme: 'GB-CHC', value: organisation.charityNumber },
  ];
  return {
    ...presentOrganisationSummary(organisation),
    organization_identifiers: identifiers.flatMap(({ type, scheme, value }) =>
      value
        ? [
            {
              id: derivedId('organization_identifier', organisation.id, scheme),
              organization_id: organisation.id,
              identifier_scheme: scheme,
              identifier_type: type,
              identifier: value,
            },
          ]
        : [],
    ),
    services: published.map((service) => presentServiceSummary(service, organisation, ctx)),
  };
}
