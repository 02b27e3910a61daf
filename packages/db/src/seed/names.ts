// Invented but plausible names for providers and their services. Nothing here is meant to be a real business;
// well-known brand names (Bluebird Care, Helping Hands, Home Instead…) are deliberately avoided.
import type { Faker } from '@faker-js/faker';
import type { CareType, Sector } from '@care-assist/domain';
import type { Place } from './places.ts';

/** The word an organisation trades under: "Kingfisher" in "Kingfisher Care Ltd" and "Kingfisher Home Care Colchester". */
export const BRANDS = [
  'Kingfisher',
  'Oakleaf',
  'Heronsgate',
  'Cedarwood',
  'Lavender',
  'Primrose',
  'Hawthorn',
  'Beacon',
  'Compass',
  'Bluebell',
  'Meadowsweet',
  'Kestrel',
  'Evergreen',
  'Harbourside',
  'Cornerstone',
  'Lighthouse',
  'Swallowfield',
  'Foxglove',
  'Honeysuckle',
  'Woodlark',
  'Marigold',
  'Goldcrest',
  'Silverbirch',
  'Thistledown',
  'Rowan',
  'Larkspur',
  'Hollyhock',
  'Wren',
  'Clover',
  'Amberley',
  'Fairhaven',
  'Greenacres',
  'Orchard Gate',
  'Riverbank',
  'Sandpiper',
  'Starling',
  'Willowbrook',
  'Brightwater',
  'Hearth',
  'Keystone',
  'Waymark',
  'Seabright',
  'Stepping Stones',
  'Open Door',
  'Good Neighbour',
  'Steadfast',
  'Kindred',
  'Homeward',
  'Tidewater',
  'Fenland',
  'Chiltern Vale',
  'Dovetail',
  'Morningside',
  'Highgate Hill',
  'Saxon',
  'Abbeyfield Lane',
] as const;

const HOUSE_WORDS = [
  'Meadowbank',
  'Oakfield',
  'Elmhurst',
  'Beechwood',
  'Ashgrove',
  'Rosemead',
  'Hollybank',
  'Fernlea',
  'Highfield',
  'Larchwood',
  'Brookside',
  'Cedar Lawn',
  'Thornfield',
  'Woodside',
  'Lindenhurst',
  'Greystones',
  'Hazelmere',
  'Applegarth',
  'Kingsmead',
  'Foxhall',
  'Longmeadow',
  'Redcliffe',
  'Springfield',
  'Westgate',
  'Orchard Lea',
  'Summerfield',
  'Lavender Hill',
  'Chestnut',
  'Birchwood',
  'Maple Lodge',
  'Hillcrest',
  'Fairfield',
  'Parkside',
  'Ivy Bank',
  'Heathlands',
  'Riverside',
  'Mulberry',
] as const;
const TREES = [
  'Willows',
  'Limes',
  'Beeches',
  'Cedars',
  'Laurels',
  'Poplars',
  'Elms',
  'Hollies',
  'Firs',
  'Maples',
  'Chestnuts',
  'Sycamores',
] as const;
const SAINTS = [
  "St Clare's",
  "St Anne's",
  "St Luke's",
  "St Margaret's",
  "St Catherine's",
  "St Joseph's",
  "St Helena's",
  "St Edmund's",
  "St Cedd's",
  "St Osyth's",
  "St Mary's",
  "St Benedict's",
] as const;
const HOME_CARE_NAMES = [
  'Kindly Hands',
  'Gentle Hands',
  'Homely Companions',
  'Good Neighbour Care',
  'Steady Steps Home Care',
  'Hearth & Home Care',
  'Forget-Me-Not Home Care',
  'Evergreen Home Support',
  'Willow Tree Homecare',
  'Heart of the Home Care',
  'Home Comforts Care',
  'Carers at Your Door',
  'Homestead Care',
  'Little Acts of Kindness Care',
  'Friendly Faces Home Care',
  'Homewise Care',
] as const;
const DAY_WORDS = [
  'Meeting Place',
  'Hub',
  'Oasis',
  'Friendship',
  'Sunflower',
  'Rainbow',
  'Open Door',
  'Good Companions',
  'Together',
  'Lantern',
] as const;
const SURNAMES = [
  'Whitfield',
  'Harding',
  'Lambert',
  'Fletcher',
  'Osborne',
  'Pearce',
  'Chapman',
  'Holloway',
  'Barnes',
  'Kaur',
  'Ahmed',
  'Nowak',
  'Okafor',
  'Mensah',
  'Gill',
  'Sandhu',
  'Hughes',
  'Marsh',
  'Fenwick',
  'Potter',
  'Mason',
  'Begum',
  'Patel',
  'Doyle',
] as const;
const SCHEME_WORDS = ['Court', 'Gardens', 'Place', 'Mews', 'Lodge', 'Green'] as const;

export interface NameContext {
  place: Place;
  /** The organisation's trading word; a service may or may not carry it. */
  brand: string;
  /** True when the organisation already runs services, so a branded name ("Kingfisher Home Care Ipswich") fits. */
  chain: boolean;
}

/** A service name that sounds like the kind of care it is. */
export function serviceName(faker: Faker, careType: CareType, ctx: NameContext): string {
  const { town, county, features } = ctx.place;
  const feature = faker.helpers.arrayElement(features);
  const house = faker.helpers.arrayElement(HOUSE_WORDS);
  const pick = (options: (() => string)[]): string => faker.helpers.arrayElement(options)();
  const branded = (suffix: string) => `${ctx.brand} ${suffix}`;

  switch (careType) {
    case 'home_care':
      return ctx.chain
        ? pick([
            () => branded(`Home Care ${town}`),
            () => branded(`Care at Home ${town}`),
            () => branded(`Homecare ${town}`),
          ])
        : pick([
            () => `${feature} Home Care`,
            () => `${feature} Valley Home Care`,
            () => `${feature} Care at Home`,
            () => `${faker.helpers.arrayElement(HOME_CARE_NAMES)} ${town}`,
            () => branded('Home Care'),
          ]);
    case 'live_in_care':
      return pick([
        () => branded('Live-in Care'),
        () => `${feature} Live-in Care`,
        () => branded(`Live-in Companions ${town}`),
      ]);
    case 'care_home':
      return pick([
        () => `${house} House`,
        () => `The ${faker.helpers.arrayElement(TREES)} Care Home`,
        () => `${feature} Lodge`,
        () => `${house} Manor`,
        () => `${house} Court Care Home`,
        () => `${feature} Grange`,
      ]);
    case 'nursing_home':
      return pick([
        () => `${faker.helpers.arrayElement(SAINTS)} Nursing Home`,
        () => `${house} Nursing Home`,
        () => `${house} House Nursing Home`,
        () => `${feature} Park Nursing Centre`,
      ]);
    case 'day_service':
      return pick([
        () => `${feature} Day Centre`,
        () => `The ${faker.helpers.arrayElement(DAY_WORDS)} Day Service`,
        () => `${town} ${faker.helpers.arrayElement(DAY_WORDS)} Day Opportunities`,
        () => `${feature} Community Day Club`,
      ]);
    case 'respite_care':
      return pick([
        () => `${house} House Respite Centre`,
        () => `${feature} Short Breaks`,
        () => branded('Respite Care'),
        () => `${house} Short Break Service`,
      ]);
    case 'supported_living':
      return pick([
        () => branded(`Supported Living ${town}`),
        () => `${feature} Supported Living`,
        () => `${house} Independent Living Service`,
        () => `${feature} Community Support`,
      ]);
    case 'extra_care':
      return pick([
        () => `${house} ${faker.helpers.arrayElement(SCHEME_WORDS)} Extra Care`,
        () => `${feature} ${faker.helpers.arrayElement(SCHEME_WORDS)} Extra Care Housing`,
        () => `${house} ${faker.helpers.arrayElement(SCHEME_WORDS)}`,
      ]);
    case 'shared_lives':
      return pick([
        () => `${county} Shared Lives Scheme`,
        () => `${town} Shared Lives`,
        () => branded(`Shared Lives ${county}`),
      ]);
    case 'telecare':
      return pick([
        () => `${town} Careline`,
        () => `${feature} Lifeline`,
        () => `${county} Telecare Response`,
        () => branded('Personal Alarms'),
        () => `${town} Community Alarm Service`,
      ]);
  }
}

/** An organisation name that fits its sector, homed in a place. */
export function organisationName(faker: Faker, sector: Sector, brand: string, place: Place): string {
  const feature = faker.helpers.arrayElement(place.features);
  const pick = (options: (() => string)[]): string => faker.helpers.arrayElement(options)();
  switch (sector) {
    case 'private':
      return pick([
        () => `${brand} Care Ltd`,
        () => `${brand} Healthcare Ltd`,
        () => `${brand} Care Group Ltd`,
        () => `${brand} Homecare Ltd`,
        () => `${brand} Care Homes Ltd`,
        () => `${faker.helpers.arrayElement(SURNAMES)} & ${faker.helpers.arrayElement(SURNAMES)} Care Ltd`,
      ]);
    case 'voluntary_community':
      return pick([
        () => `${brand} Trust`,
        () => `${place.town} Community Care Association`,
        () => `${place.county} Carers' Foundation`,
        () => `Friends of ${feature}`,
        () => `${place.town} Volunteer Care Network`,
      ]);
    case 'social_enterprise':
      return pick([
        () => `${brand} Care CIC`,
        () => `${feature} Community Care CIC`,
        () => `${brand} Social Care Co-operative`,
      ]);
    case 'public':
      return pick([() => `${place.county} Community Reablement Service`, () => `${place.town} Council Care Services`]);
    case 'mutual':
      return pick([() => `${brand} Care Mutual`, () => `${feature} Employee-Owned Care`]);
  }
}

/** "St Clare's Nursing Home" + "Chelmsford" → "st-clares-nursing-home-chelmsford" (the town is not repeated). */
export function slugify(name: string, town?: string): string {
  const kebab = (s: string) =>
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/&/g, ' and ')
      .replace(/['’]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const base = kebab(name);
  if (!town) return base;
  const townSlug = kebab(town);
  return base.includes(townSlug) ? base : `${base}-${townSlug}`;
}
