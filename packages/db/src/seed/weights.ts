// The shape of the demo directory: how common each care type, sector, CQC rating and listing status is, and the
// demo provider's own services. generate.ts draws the demo data from these.
import type { CareType, CqcRating, Sector, ServiceStatus } from '@care-assist/domain';

export const CARE_TYPE_WEIGHTS: { value: CareType; weight: number }[] = [
  { value: 'home_care', weight: 30 },
  { value: 'care_home', weight: 18 },
  { value: 'nursing_home', weight: 9 },
  { value: 'day_service', weight: 8 },
  { value: 'supported_living', weight: 8 },
  { value: 'live_in_care', weight: 6 },
  { value: 'respite_care', weight: 6 },
  { value: 'telecare', weight: 4 },
  { value: 'extra_care', weight: 4 },
  { value: 'shared_lives', weight: 3 },
];

export const SECTOR_WEIGHTS: { value: Sector; weight: number }[] = [
  { value: 'private', weight: 62 },
  { value: 'voluntary_community', weight: 17 },
  { value: 'social_enterprise', weight: 13 },
  { value: 'public', weight: 4 },
  { value: 'mutual', weight: 4 },
];

export const CQC_WEIGHTS: { value: CqcRating; weight: number }[] = [
  { value: 'good', weight: 68 },
  { value: 'outstanding', weight: 9 },
  { value: 'requires_improvement', weight: 15 },
  { value: 'inadequate', weight: 3 },
  { value: 'not_yet_rated', weight: 5 },
];

export const STATUS_WEIGHTS: { value: ServiceStatus; weight: number }[] = [
  { value: 'published', weight: 95 },
  { value: 'draft', weight: 3 },
  { value: 'pending', weight: 2 },
];

/** The demo provider's services, all published and all in Chelmsford. */
export const DEMO_PROVIDER_SERVICES: { name: string; careType: CareType; district: string }[] = [
  { name: 'Chelmer Valley Home Care', careType: 'home_care', district: 'CM1' },
  { name: 'Moulsham Home Care', careType: 'home_care', district: 'CM2' },
  { name: 'Chelmer Live-in Care', careType: 'live_in_care', district: 'CM2' },
  { name: 'Writtle Grange Care Home', careType: 'care_home', district: 'CM1' },
  { name: 'Springfield Day Centre', careType: 'day_service', district: 'CM1' },
];
