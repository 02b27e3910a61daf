// The search form as the web knows it (`/search?q=&where=&radius=&care_type=&...filters&sort=&page=`),
// and how it maps to the API's query parameters and back. The address holds the whole search, so it can be
// shared, bookmarked and reached with the back button.
import { resolve } from '$app/paths';
import { parsePounds } from '@care-assist/domain';
import type { ResolvedPathname } from '$app/types';
import type { ServiceSearchParams } from '$lib/server/api';

export const RADIUS_CHOICES_KM = [1, 3, 5, 10, 15, 25, 50] as const;

export const MIN_RATING_CHOICES = [
  { value: '4.5', label: '4.5 and above' },
  { value: '4', label: '4 and above' },
  { value: '3', label: '3 and above' },
] as const;

/** "Good" means good or better: people filter for a floor, not for one grade. */
export const CQC_CHOICES = [
  { value: 'outstanding', label: 'Outstanding', api: ['outstanding'] },
  { value: 'good', label: 'Good or outstanding', api: ['good', 'outstanding'] },
] as const;

export interface SearchFormValues {
  q: string;
  where: string;
  radius: string;
  care_type: string;
  specialism: string;
  funding: string;
  price_unit: string;
  /** Pounds, as people type them; the API takes pence. */
  price_min: string;
  price_max: string;
  min_rating: string;
  cqc: string;
  vacancies: string;
  language: string;
  accredited: string;
  sort: string;
  page: string;
}

/** The filters (not the words, place or order): what "clear filters" clears. */
export const FILTER_FIELDS = [
  'specialism',
  'funding',
  'price_unit',
  'price_min',
  'price_max',
  'min_rating',
  'cqc',
  'vacancies',
  'language',
  'accredited',
] as const satisfies readonly (keyof SearchFormValues)[];

export const FIELDS = [
  'q',
  'where',
  'radius',
  'care_type',
  ...FILTER_FIELDS,
  'sort',
  'page',
] as const satisfies readonly (keyof SearchFormValues)[];

/** Web field name -> API query parameter name. */
const API_NAMES = {
  q: 'q',
  where: 'postcode',
  radius: 'radius_km',
  care_type: 'care_type',
  specialism: 'specialism',
  funding: 'funding',
  price_unit: 'price_unit',
  price_min: 'price_min',
  price_max: 'price_max',
  min_rating: 'min_rating',
  cqc: 'cqc_rating',
  vacancies: 'vacancies',
  language: 'language',
  accredited: 'council_accredited',
  sort: 'sort',
  page: 'page',
} as const satisfies Record<keyof SearchFormValues, keyof ServiceSearchParams>;

export function readSearchForm(params: URLSearchParams): SearchFormValues {
  const values = {} as SearchFormValues;
  for (const field of FIELDS) values[field] = (params.get(field) ?? '').trim();
  return values;
}

/** "12.50" -> "1250". Anything that is not an amount of money goes to the API as typed, which explains. */
function poundsToPence(pounds: string): string {
  const pence = parsePounds(pounds);
  return pence === null ? pounds : String(pence);
}

/** Empty values are dropped, so the API applies its own defaults. */
export function toApiQuery(values: SearchFormValues): ServiceSearchParams {
  const query: ServiceSearchParams = {};
  for (const field of FIELDS) {
    const value = values[field];
    if (!value) continue;
    const name = API_NAMES[field];
    if (field === 'price_min' || field === 'price_max') query[name] = poundsToPence(value);
    else if (field === 'vacancies' || field === 'accredited') query[name] = 'true';
    else if (field === 'cqc') {
      const choice = CQC_CHOICES.find((c) => c.value === value);
      query.cqc_rating = choice ? [...choice.api] : value;
    } else query[name] = value;
  }
  return query;
}

/** The web field an API field error belongs to, e.g. `postcode` -> `where`. */
export function webFieldFor(apiField: string): keyof SearchFormValues | null {
  const entry = Object.entries(API_NAMES).find(([, apiName]) => apiName === apiField);
  return entry ? (entry[0] as keyof SearchFormValues) : null;
}

/** A link to the same search with some values changed; empty values are left out of the address. */
export function searchHref(values: SearchFormValues, changes: Partial<SearchFormValues> = {}): ResolvedPathname {
  const next = { ...values, ...changes };
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    const value = next[field];
    if (value && !(field === 'page' && value === '1')) params.set(field, value);
  }
  const query = params.toString();
  return query ? resolve(`/search?${query}`) : resolve('/search');
}

export function hasFilters(values: SearchFormValues): boolean {
  return FILTER_FIELDS.some((field) => values[field] !== '');
}
