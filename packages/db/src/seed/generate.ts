// Builds the whole demo data set in memory, deterministically: same seed, same rows (ids and dates included).
// No database here, so it is cheap to test; seedDemoData() in index.ts writes the result.
import { Faker, base, en, en_GB } from '@faker-js/faker';
import { CARE_TYPES, type CareType, type Sector } from '@care-assist/domain';
import type { organisationMembers, organisations, serviceRatings, services, users } from '../schema/index.ts';
import {
  AT_HOME_CARE_TYPES,
  HOME_CARE_VISIT_RANGE,
  PRICE_RANGES,
  pickFunding,
  pickLanguages,
  pickSpecialisms,
  priceIn,
} from './care.ts';
import { BRANDS, organisationName, serviceName, slugify } from './names.ts';
import {
  CHELMSFORD_DISTRICTS,
  INWARD_LETTERS,
  PLACES,
  buildPostcode,
  offsetPoint,
  sectorsOf,
  type Place,
} from './places.ts';
import { serviceDescription, serviceSummary } from './text.ts';
import { CARE_TYPE_WEIGHTS, CQC_WEIGHTS, DEMO_PROVIDER_SERVICES, SECTOR_WEIGHTS, STATUS_WEIGHTS } from './weights.ts';
import { DEMO_PROVIDER_ORGANISATION, DEMO_USERS, type DemoUser } from './users.ts';

export const DEFAULT_SEED = 20261125;
/** "Today" for the demo data, so reruns do not drift with the clock. */
/**
 * Capacity for the market view: beds for residential care, hours a week for care at home. Drawn from a hash of
 * the slug rather than the faker stream, so adding it did not change any other demo value.
 */
function demoCapacity(slug: string, careType: CareType): { beds: number | null; careHoursPerWeek: number | null } {
  let hash = 2166136261;
  for (const char of slug) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  if (careType === 'care_home' || careType === 'nursing_home')
    return { beds: 12 + (hash % 79), careHoursPerWeek: null };
  if (careType === 'respite_care' || careType === 'extra_care')
    return { beds: 4 + (hash % 37), careHoursPerWeek: null };
  if (['home_care', 'live_in_care', 'supported_living', 'shared_lives'].includes(careType))
    return { beds: null, careHoursPerWeek: 150 + 10 * (hash % 151) };
  return { beds: null, careHoursPerWeek: null };
}

export const REFERENCE_DATE = new Date('2026-11-01T09:00:00Z');
export const SERVICE_TARGET = 340;
export const ORGANISATION_TARGET = 140;
/** Published home care services guaranteed in CM1/CM2 (the end-to-end test searches "home care near CM1"). */
export const CHELMSFORD_HOME_CARE = 18;
const MAX_SERVICES_PER_ORGANISATION = 12;
/** Furthest a service is placed from its postcode sector's centroid. */
export const MAX_JITTER_M = 300;

export type DemoUserRow = Omit<typeof users.$inferInsert, 'passwordHash'> & { id: string };
export type OrganisationRow = typeof organisations.$inferInsert & { id: string };
export type MemberRow = typeof organisationMembers.$inferInsert;
export type ServiceRow = typeof services.$inferInsert & { id: string; careTypes: CareType[] };
export type RatingRow = typeof serviceRatings.$inferInsert;

export interface DemoData {
  users: DemoUserRow[];
  organisations: OrganisationRow[];
  members: MemberRow[];
  services: ServiceRow[];
  ratings: RatingRow[];
}

interface Slot {
  careType: CareType;
  place: Place;
  /** Fixed name (the demo provider's services). */
  name?: string;
  forcePublished?: boolean;
}

const DAY_MS = 86_400_000;

function placeOf(district: string): Place {
  const place = PLACES.find((p) => p.district === district);
  if (!place) throw new Error(`No place for district ${district}`);
  return place;
}

function daysAfter(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A number in Ofcom's ranges reserved for drama and demos, so no real household is ever rung. */
function demoPhone(faker: Faker): string {
  return faker.datatype.boolean(0.85) ? `01632 960${faker.string.numeric(3)}` : `07700 900${faker.string.numeric(3)}`;
}

export function generateDemoData(seed: number = DEFAULT_SEED): DemoData {
  // A private instance, so other users of faker's global instances cannot disturb the sequence.
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(seed);
  const uuid = () => faker.string.uuid();
  const streets = faker.definitions.location.street_name ?? ['High Street'];

  // Users: one per role. The moderator verifies organisations.
  const userRows: DemoUserRow[] = DEMO_USERS.map((u, i) => {
    const createdAt = daysAfter(REFERENCE_DATE, -400 + i * 7);
    return {
      id: uuid(),
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      createdAt,
      updatedAt: createdAt,
    };
  });
  const userByKey = (key: DemoUser['key']) => userRows[DEMO_USERS.findIndex((u) => u.key === key)]!;
  const verifiers = [userByKey('moderator').id, userByKey('admin').id];

  // Slots: what kind of care goes where. Chelmsford gets a guaranteed block; every district gets at least one service.
  const providerSlots: Slot[] = DEMO_PROVIDER_SERVICES.map((s) => ({
    careType: s.careType,
    place: placeOf(s.district),
    name: s.name,
    forcePublished: true,
  }));
  const slots: Slot[] = [];
  for (let i = 0; i < CHELMSFORD_HOME_CARE; i++) {
    slots.push({ careType: 'home_care', place: placeOf(CHELMSFORD_DISTRICTS[i % 2]!), forcePublished: true });
  }
  for (const careType of Object.keys(CARE_TYPES) as CareType[]) {
    if (careType === 'home_care') continue;
    for (const district of CHELMSFORD_DISTRICTS) slots.push({ careType, place: placeOf(district) });
  }
  for (const place of PLACES) slots.push({ careType: faker.helpers.weightedArrayElement(CARE_TYPE_WEIGHTS), place });
  const placeWeights = PLACES.map((p) => ({ value: p, weight: p.weight }));
  while (slots.length + providerSlots.length < SERVICE_TARGET) {
    slots.push({
      careType: faker.helpers.weightedArrayElement(CARE_TYPE_WEIGHTS),
      place: faker.helpers.weightedArrayElement(placeWeights),
    });
  }

  // Organisations: the demo provider's, then new ones as needed; others join an existing provider in the same county,
  // favouring bigger ones, so a few groups run many services and most run one or two.
  const organisationRows: OrganisationRow[] = [];
  const brandOf = new Map<string, string>();
  const serviceCount = new Map<string, number>();
  /** How readily an organisation takes on more services: most stay small, a few private groups grow. */
  const appetite = new Map<string, number>();
  const orgNames = new Set<string>();
  const orgCounty = new Map<string, string>();
  // CQC ids are unique across providers and locations alike.
  const cqcIds = new Set<string>();
  const uniqueCqcId = (): string => {
    for (;;) {
      const id = `1-${faker.string.numeric({ length: faker.number.int({ min: 9, max: 10 }), allowLeadingZeros: false })}`;
      if (!cqcIds.has(id)) {
        cqcIds.add(id);
        return id;
      }
    }
  };

  const createOrganisation = (
    place: Place,
    fixed?: { name: string; brand: string; sector: Sector },
  ): OrganisationRow => {
    const sector = fixed?.sector ?? faker.helpers.weightedArrayElement(SECTOR_WEIGHTS);
    let brand = fixed?.brand ?? '';
    let name = fixed?.name ?? '';
    for (let attempt = 0; !name || orgNames.has(name); attempt++) {
      brand = faker.helpers.arrayElement(attempt < 20 ? BRANDS : place.features);
      name = organisationName(faker, sector, brand, place);
      if (attempt > 40) name = `${name} (${place.town})`;
    }
    orgNames.add(name);
    const domain = `${slugify(name.replace(/\b(Ltd|CIC)\b/g, ''))}.example`;
    const companyNumber =
      sector === 'private' || sector === 'social_enterprise' || (sector !== 'public' && faker.datatype.boolean(0.5))
        ? String(faker.number.int({ min: 3_000_000, max: 15_999_999 })).padStart(8, '0')
        : null;
    const charityNumber =
      sector === 'voluntary_community' ? String(faker.number.int({ min: 1_000_000, max: 1_209_999 })) : null;
    const createdAt = daysAfter(REFERENCE_DATE, -faker.number.int({ min: 120, max: 720 }));
    const verified = fixed !== undefined || faker.datatype.boolean(0.9);
    const row: OrganisationRow = {
      id: uuid(),
      name,
      sector,
      cqcProviderId: uniqueCqcId(),
      companyNumber,
      charityNumber,
      contactEmail: `office@${domain}`,
      contactPhone: demoPhone(faker),
      website: `https://www.${domain}`,
      verifiedAt: verified ? daysAfter(createdAt, faker.number.int({ min: 1, max: 21 })) : null,
      verifiedBy: verified ? faker.helpers.arrayElement(verifiers) : null,
      createdAt,
      updatedAt: createdAt,
    };
    organisationRows.push(row);
    brandOf.set(row.id, brand);
    orgCounty.set(row.id, place.county);
    serviceCount.set(row.id, 0);
    appetite.set(
      row.id,
      faker.helpers.weightedArrayElement(
        sector === 'private'
          ? [
              { value: 1, weight: 55 },
              { value: 4, weight: 33 },
              { value: 12, weight: 12 },
            ]
          : [
              { value: 1, weight: 75 },
              { value: 4, weight: 25 },
            ],
      ),
    );
    return row;
  };

  const demoOrg = createOrganisation(placeOf('CM1'), {
    name: DEMO_PROVIDER_ORGANISATION,
    brand: 'Chelmer',
    sector: 'private',
  });
  const assigned: { slot: Slot; org: OrganisationRow }[] = providerSlots.map((slot) => ({ slot, org: demoOrg }));
  const shuffled = faker.helpers.shuffle(slots);
  shuffled.forEach((slot, index) => {
    const remainingSlots = shuffled.length - index;
    const orgsNeeded = ORGANISATION_TARGET - organisationRows.length;
    const candidates = organisationRows.filter(
      (o) =>
        o.id !== demoOrg.id &&
        orgCounty.get(o.id) === slot.place.county &&
        serviceCount.get(o.id)! < MAX_SERVICES_PER_ORGANISATION,
    );
    const org =
      candidates.length === 0 || faker.datatype.boolean(Math.min(1, Math.max(0, orgsNeeded / remainingSlots)))
        ? createOrganisation(slot.place)
        : faker.helpers.weightedArrayElement(candidates.map((o) => ({ value: o, weight: appetite.get(o.id)! })));
    assigned.push({ slot, org });
    serviceCount.set(org.id, serviceCount.get(org.id)! + 1);
  });

  // Services.
  const slugs = new Set<string>();
  const serviceNames = new Set<string>();
  const serviceRows: ServiceRow[] = [];
  const orgServicesSoFar = new Map<string, number>();
  for (const { slot, org } of assigned) {
    const { careType, place } = slot;
    const chain = (orgServicesSoFar.get(org.id) ?? 0) > 0 || (serviceCount.get(org.id) ?? 0) > 2;
    orgServicesSoFar.set(org.id, (orgServicesSoFar.get(org.id) ?? 0) + 1);

    let name = slot.name ?? '';
    let slug = '';
    for (let attempt = 0; !slug || slugs.has(slug) || (attempt < 8 && serviceNames.has(name)); attempt++) {
      if (!slot.name && attempt < 8) name = serviceName(faker, careType, { place, brand: brandOf.get(org.id)!, chain });
      slug = slugify(name, place.town);
      if (attempt >= 8) slug = `${slugify(name, place.town)}-${attempt - 6}`;
    }
    slugs.add(slug);
    serviceNames.add(name);

    const sector = faker.helpers.arrayElement(sectorsOf(place.district));
    const postcode = buildPostcode(sector.sector, faker.helpers.arrayElements([...INWARD_LETTERS], 2).join(''));
    const point = offsetPoint(
      sector,
      MAX_JITTER_M * Math.sqrt(faker.number.float({ min: 0, max: 1 })),
      faker.number.float({ min: 0, max: 2 * Math.PI }),
    );

    const careTypes: CareType[] = [careType];
    if (
      (careType === 'care_home' && faker.datatype.boolean(0.25)) ||
      (careType === 'nursing_home' && faker.datatype.boolean(0.2))
    ) {
      careTypes.push('respite_care');
    }
    const specialisms = pickSpecialisms(faker, careType);
    const fundingAccepted = pickFunding(faker, careType);
    const range = PRICE_RANGES[careType];
    const main = priceIn(faker, range);
    const visit =
      careType === 'home_care' && faker.datatype.boolean(0.3) ? priceIn(faker, HOME_CARE_VISIT_RANGE) : null;
    const atHome = AT_HOME_CARE_TYPES.includes(careType);

    const street = `${faker.number.int({ min: 1, max: 180 })} ${faker.helpers.arrayElement(streets)}`;
    const office = atHome && faker.datatype.boolean(0.4);
    const cqcRating = faker.helpers.weightedArrayElement(CQC_WEIGHTS);
    const ratedDaysAgo = faker.number.int({ min: 14, max: 3 * 365 - 1 });
    const status = slot.forcePublished ? 'published' : faker.helpers.weightedArrayElement(STATUS_WEIGHTS);
    const orgAgeDays = Math.round((REFERENCE_DATE.getTime() - org.createdAt!.getTime()) / DAY_MS);
    const createdAt = daysAfter(org.createdAt!, faker.number.int({ min: 0, max: orgAgeDays - 1 }));
    const updatedAt = daysAfter(
      createdAt,
      faker.number.int({ min: 0, max: Math.round((REFERENCE_DATE.getTime() - createdAt.getTime()) / DAY_MS) }),
    );
    const domain = `${slug}.example`;

    serviceRows.push({
      id: uuid(),
      organisationId: org.id,
      name,
      slug,
      summary: serviceSummary(faker, careType, place.town),
      description: serviceDescription(faker, {
        name,
        careType,
        town: place.town,
        county: place.county,
        specialisms,
        funding: fundingAccepted,
      }),
      careTypes,
      specialisms,
      addressLine1: office
        ? `Suite ${faker.number.int({ min: 1, max: 12 })}, ${faker.helpers.arrayElement(['Riverside', 'Enterprise', 'Kingsway', 'Station', 'Mill', 'Quayside'])} House`
        : street,
      addressLine2: office ? street : null,
      town: place.town,
      county: place.county,
      postcode,
      latitude: point.latitude,
      longitude: point.longitude,
      areaServedKm: atHome ? faker.helpers.arrayElement([5, 8, 10, 12, 15, 20, 25]) : null,
      pricePerHourPence: range.unit === 'hour' ? main : null,
      pricePerVisitPence: range.unit === 'visit' ? main : visit,
      pricePerNightPence: range.unit === 'night' ? main : null,
      pricePerWeekPence: range.unit === 'week' ? main : null,
      fundingAccepted,
      acceptingNewClients: faker.datatype.boolean(0.85),
      languages: pickLanguages(faker),
      phone: demoPhone(faker),
      email: `enquiries@${domain}`,
      website: `https://www.${domain}`,
      cqcLocationId: uniqueCqcId(),
      cqcRating,
      cqcRatingDate: cqcRating === 'not_yet_rated' ? null : isoDate(daysAfter(REFERENCE_DATE, -ratedDaysAgo)),
      councilAccredited: faker.datatype.boolean(0.3),
      ...demoCapacity(slug, careType),
      status,
      createdAt,
      updatedAt,
    });
  }

  const provider = userByKey('provider');
  return {
    users: userRows,
    organisations: organisationRows,
    members: [
      { organisationId: demoOrg.id, userId: provider.id, role: 'owner', createdAt: daysAfter(demoOrg.createdAt!, 1) },
    ],
    services: serviceRows,
    // No reviews yet, so no aggregate: one empty row per service, which the reviews feature keeps up to date.
    ratings: serviceRows.map((s) => ({
      serviceId: s.id,
      reviewCount: 0,
      meanOverall: null,
      rankingScore: 0,
      valueScore: null,
      lastReviewAt: null,
      updatedAt: s.createdAt!,
    })),
  };
}
