// The fixed vocabularies of Care Assist, with the labels people read.
// Codes are stored in the database and search index; labels are only for display.

export const CARE_TYPES = {
  home_care: 'Home care',
  live_in_care: 'Live-in care',
  care_home: 'Care home',
  nursing_home: 'Nursing home',
  day_service: 'Day service',
  respite_care: 'Respite care',
  supported_living: 'Supported living',
  extra_care: 'Extra care housing',
  shared_lives: 'Shared lives',
  telecare: 'Telecare',
} as const;
export type CareType = keyof typeof CARE_TYPES;
export const CARE_TYPE_CODES = Object.keys(CARE_TYPES) as CareType[];

export const SPECIALISMS = {
  dementia: 'Dementia',
  learning_disability: 'Learning disability',
  physical_disability: 'Physical disability',
  mental_health: 'Mental health',
  end_of_life: 'End of life care',
  sensory_impairment: 'Sensory impairment',
  autism: 'Autism',
  substance_misuse: 'Substance misuse',
  younger_adults: 'Younger adults',
  older_people: 'Older people',
} as const;
export type Specialism = keyof typeof SPECIALISMS;
export const SPECIALISM_CODES = Object.keys(SPECIALISMS) as Specialism[];

export const FUNDING_TYPES = {
  self_funded: 'Self-funded',
  personal_budget: 'Personal budget or direct payment',
  council_funded: 'Council-funded',
} as const;
export type FundingType = keyof typeof FUNDING_TYPES;
export const FUNDING_TYPE_CODES = Object.keys(FUNDING_TYPES) as FundingType[];

export const CQC_RATINGS = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
  not_yet_rated: 'Not yet rated',
} as const;
export type CqcRating = keyof typeof CQC_RATINGS;
export const CQC_RATING_CODES = Object.keys(CQC_RATINGS) as CqcRating[];

export const SECTORS = {
  private: 'Private',
  voluntary_community: 'Voluntary and community',
  social_enterprise: 'Social enterprise',
  public: 'Public',
  mutual: 'Mutual',
} as const;
export type Sector = keyof typeof SECTORS;
export const SECTOR_CODES = Object.keys(SECTORS) as Sector[];

export const USER_ROLES = ['resident', 'provider', 'moderator', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
/** Roles anyone may choose when signing up; council roles are granted by an admin. */
export const SELF_SERVICE_ROLES = ['resident', 'provider'] as const satisfies readonly UserRole[];
export const COUNCIL_ROLES = ['moderator', 'admin'] as const satisfies readonly UserRole[];

export const SERVICE_STATUSES = ['draft', 'pending', 'published', 'rejected', 'suspended'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const PRICE_UNITS = {
  hour: 'per hour',
  visit: 'per visit',
  night: 'per night',
  week: 'per week',
} as const;
export type PriceUnit = keyof typeof PRICE_UNITS;
export const PRICE_UNIT_CODES = Object.keys(PRICE_UNITS) as PriceUnit[];

export function careTypeLabel(code: string): string {
  return (CARE_TYPES as Record<string, string>)[code] ?? code;
}
export function specialismLabel(code: string): string {
  return (SPECIALISMS as Record<string, string>)[code] ?? code;
}
export function fundingLabel(code: string): string {
  return (FUNDING_TYPES as Record<string, string>)[code] ?? code;
}
export function cqcRatingLabel(code: string | null | undefined): string {
  if (!code) return CQC_RATINGS.not_yet_rated;
  return (CQC_RATINGS as Record<string, string>)[code] ?? code;
}
