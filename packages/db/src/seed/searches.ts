// Demo searches for council insight (unmet demand): a year of anonymous search_events before the reference
// date. Most are residents of the demo towns looking for common care near them; some look for specialist care
// from rural postcode districts, where nothing (or only one or two services) lies within the radius — the gaps
// a commissioner should see. Result counts are worked out from the generated services themselves (published,
// offering the care type and specialism, within the radius), so they are what a real search would have found.
import { Faker, base, en } from '@faker-js/faker';
import type { CareType } from '@care-assist/domain';
import type { searchEvents } from '../schema/index.ts';
import { REFERENCE_DATE, type DemoData } from './generate.ts';

type SearchEventRow = typeof searchEvents.$inferInsert;

const RADIUS_KM = 15;
const SEARCHES_FROM_TOWNS = 1400;
const SEARCHES_FROM_RURAL_AREAS = 260;

/** Rural postcode districts of the demo counties, with their centroids (ONS, as in packages/geo). */
const RURAL_DISTRICTS = [
  { outcode: 'IP17', latitude: 52.2301, longitude: 1.50175 },
  { outcode: 'NR25', latitude: 52.92003, longitude: 1.08314 },
  { outcode: 'PE38', latitude: 52.59203, longitude: 0.37635 },
  { outcode: 'CO10', latitude: 52.0541, longitude: 0.72685 },
  { outcode: 'CB10', latitude: 52.02884, longitude: 0.25716 },
  { outcode: 'TN17', latitude: 51.09536, longitude: 0.53755 },
  { outcode: 'NR21', latitude: 52.84042, longitude: 0.85047 },
  { outcode: 'IP22', latitude: 52.37772, longitude: 1.07165 },
  { outcode: 'CM0', latitude: 51.6587, longitude: 0.83117 },
] as const;

const COMMON_CARE: { value: CareType; weight: number }[] = [
  { value: 'home_care', weight: 40 },
  { value: 'care_home', weight: 20 },
  { value: 'nursing_home', weight: 12 },
  { value: 'day_service', weight: 8 },
  { value: 'respite_care', weight: 8 },
  { value: 'live_in_care', weight: 6 },
  { value: 'telecare', weight: 6 },
];
const SPECIALIST_NEEDS: { careType: CareType; specialism: string | null }[] = [
  { careType: 'shared_lives', specialism: 'learning_disability' },
  { careType: 'supported_living', specialism: 'autism' },
  { careType: 'nursing_home', specialism: 'end_of_life' },
  { careType: 'day_service', specialism: 'dementia' },
  { careType: 'supported_living', specialism: 'mental_health' },
  { careType: 'extra_care', specialism: null },
];

function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(h));
}

export function generateDemoSearches(data: DemoData, seed: number): SearchEventRow[] {
  const faker = new Faker({ locale: [en, base], seed: seed + 7 });
  const published = data.services.filter((service) => service.status === 'published');
  const found = (point: { latitude: number; longitude: number }, careType: CareType, specialism: string | null) =>
    published.filter(
      (service) =>
        service.careTypes.includes(careType) &&
        (!specialism || (service.specialisms ?? []).includes(specialism)) &&
        distanceKm(point, service) <= RADIUS_KM,
    ).length;
  const when = () =>
    faker.date.between({ from: new Date(REFERENCE_DATE.getTime() - 365 * 86_400_000), to: REFERENCE_DATE });
  const event = (
    outcode: string,
    careType: CareType,
    specialism: string | null,
    resultCount: number,
  ): SearchEventRow => ({
    query: null,
    filters: { care_type: careType, ...(specialism ? { specialism } : {}), radius_km: RADIUS_KM, sort: 'relevance' },
    outcode,
    place: null,
    resultCount,
    backend: 'meilisearch',
    occurredAt: when(),
  });

  const rows: SearchEventRow[] = [];
  for (let i = 0; i < SEARCHES_FROM_TOWNS; i += 1) {
    const near = faker.helpers.arrayElement(published);
    const outcode = near.postcode.trim().split(' ')[0]!.toUpperCase();
    const careType = faker.helpers.weightedArrayElement(COMMON_CARE);
    rows.push(event(outcode, careType, null, found(near, careType, null)));
  }
  for (let i = 0; i < SEARCHES_FROM_RURAL_AREAS; i += 1) {
    const district = faker.helpers.arrayElement(RURAL_DISTRICTS);
    const need = faker.helpers.arrayElement(SPECIALIST_NEEDS);
    rows.push(event(district.outcode, need.careType, need.specialism, found(district, need.careType, need.specialism)));
  }
  return rows.sort((a, b) => a.occurredAt!.getTime() - b.occurredAt!.getTime());
}
