// What each kind of care typically costs, who it is for and how it is paid for, in England in 2026.
import type { Faker } from '@faker-js/faker';
import type { CareType, FundingType, PriceUnit, Specialism } from '@care-assist/domain';

export interface PriceRange {
  unit: PriceUnit;
  /** Inclusive bounds, in pence. */
  minPence: number;
  maxPence: number;
  /** Prices are rounded to this many pence (10p for hourly rates, £5 for weekly fees). */
  stepPence: number;
}

/** The main price of each care type. */
export const PRICE_RANGES: Record<CareType, PriceRange> = {
  home_care: { unit: 'hour', minPence: 26_00, maxPence: 36_00, stepPence: 10 },
  live_in_care: { unit: 'week', minPence: 1_100_00, maxPence: 1_700_00, stepPence: 5_00 },
  care_home: { unit: 'week', minPence: 950_00, maxPence: 1_600_00, stepPence: 5_00 },
  nursing_home: { unit: 'week', minPence: 1_200_00, maxPence: 2_100_00, stepPence: 5_00 },
  respite_care: { unit: 'night', minPence: 160_00, maxPence: 260_00, stepPence: 1_00 },
  day_service: { unit: 'visit', minPence: 55_00, maxPence: 95_00, stepPence: 50 },
  supported_living: { unit: 'hour', minPence: 24_00, maxPence: 32_00, stepPence: 10 },
  extra_care: { unit: 'hour', minPence: 20_00, maxPence: 30_00, stepPence: 10 },
  shared_lives: { unit: 'week', minPence: 500_00, maxPence: 800_00, stepPence: 5_00 },
  telecare: { unit: 'week', minPence: 4_00, maxPence: 12_00, stepPence: 10 },
};

/** Some home care agencies also quote a price for a 30-minute visit. */
export const HOME_CARE_VISIT_RANGE: PriceRange = { unit: 'visit', minPence: 15_00, maxPence: 22_00, stepPence: 10 };

/** Care delivered where the person lives; these have an area served, buildings do not. */
export const AT_HOME_CARE_TYPES: readonly CareType[] = ['home_care', 'live_in_care', 'supported_living', 'telecare'];

/** Needs each kind of care commonly specialises in, most common first. */
export const SPECIALISMS_BY_CARE_TYPE: Record<CareType, readonly Specialism[]> = {
  home_care: [
    'older_people',
    'dementia',
    'physical_disability',
    'end_of_life',
    'sensory_impairment',
    'learning_disability',
    'mental_health',
  ],
  live_in_care: ['older_people', 'dementia', 'physical_disability', 'end_of_life'],
  care_home: ['older_people', 'dementia', 'physical_disability', 'sensory_impairment', 'end_of_life'],
  nursing_home: ['older_people', 'dementia', 'end_of_life', 'physical_disability'],
  day_service: ['older_people', 'dementia', 'learning_disability', 'autism', 'physical_disability'],
  respite_care: ['older_people', 'dementia', 'learning_disability', 'physical_disability'],
  supported_living: [
    'learning_disability',
    'autism',
    'mental_health',
    'younger_adults',
    'physical_disability',
    'substance_misuse',
  ],
  extra_care: ['older_people', 'dementia', 'physical_disability'],
  shared_lives: ['learning_disability', 'autism', 'mental_health', 'younger_adults', 'older_people'],
  telecare: ['older_people', 'dementia', 'sensory_impairment', 'physical_disability'],
};

/** How likely each funding route is accepted, by care type (council-arranged care is most common outside self-funded homes). */
const FUNDING_ODDS: Record<CareType, Record<FundingType, number>> = {
  home_care: { self_funded: 0.95, personal_budget: 0.75, council_funded: 0.6 },
  live_in_care: { self_funded: 1, personal_budget: 0.45, council_funded: 0.15 },
  care_home: { self_funded: 0.95, personal_budget: 0.2, council_funded: 0.65 },
  nursing_home: { self_funded: 0.95, personal_budget: 0.15, council_funded: 0.7 },
  day_service: { self_funded: 0.8, personal_budget: 0.8, council_funded: 0.7 },
  respite_care: { self_funded: 0.85, personal_budget: 0.6, council_funded: 0.6 },
  supported_living: { self_funded: 0.3, personal_budget: 0.8, council_funded: 0.95 },
  extra_care: { self_funded: 0.7, personal_budget: 0.5, council_funded: 0.8 },
  shared_lives: { self_funded: 0.3, personal_budget: 0.7, council_funded: 0.95 },
  telecare: { self_funded: 1, personal_budget: 0.6, council_funded: 0.5 },
};

export const OTHER_LANGUAGES = ['Polish', 'Punjabi', 'Urdu', 'Romanian', 'Bengali', 'Gujarati'] as const;

export function priceIn(faker: Faker, range: PriceRange): number {
  const steps = Math.floor((range.maxPence - range.minPence) / range.stepPence);
  return range.minPence + faker.number.int({ min: 0, max: steps }) * range.stepPence;
}

export function pickSpecialisms(faker: Faker, careType: CareType): Specialism[] {
  const options = SPECIALISMS_BY_CARE_TYPE[careType];
  const count = faker.number.int({ min: 1, max: Math.min(4, options.length) });
  // The first listed need is the usual core of the service; keep it most of the time, then add others.
  const rest = faker.helpers.arrayElements(options.slice(1), count - 1);
  const chosen = faker.datatype.boolean(0.8) ? [options[0]!, ...rest] : faker.helpers.arrayElements(options, count);
  return options.filter((s) => chosen.includes(s));
}

export function pickFunding(faker: Faker, careType: CareType): FundingType[] {
  const odds = FUNDING_ODDS[careType];
  const chosen = (Object.keys(odds) as FundingType[]).filter((f) => faker.datatype.boolean(odds[f]));
  return chosen.length > 0 ? chosen : ['self_funded'];
}

export function pickLanguages(faker: Faker): string[] {
  if (faker.datatype.boolean(0.8)) return ['English'];
  return ['English', ...faker.helpers.arrayElements(OTHER_LANGUAGES, { min: 1, max: 2 })];
}
