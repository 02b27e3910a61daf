// The search form as the web knows it (`/search?q=&where=&radius=&care_type=&sort=&page=`),
// and how it maps to the API's query parameters and back.
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import type { ServiceSearchParams } from '$lib/server/api';

export const RADIUS_CHOICES_KM = [1, 3, 5, 10, 15, 25, 50] as const;

export const SORT_CHOICES = [
  { value: 'relevance', label: 'Best match' },
  { value: 'distance', label: 'Nearest' },
  { value: 'rating', label: 'Highest rated' },
] as const;

export interface SearchFormValues {
  q: string;
  where: string;
  radius: string;
  care_type: string;
  sort: string;
  page: string;
}

const FIELDS = ['q', 'where', 'radius', 'care_type', 'sort', 'page'] as const;

/** Web field name -> API query parameter name. */
const API_NAMES = {
  q: 'q',
  where: 'postcode',
  radius: 'radius_km',
  care_type: 'care_type',
  sort: 'sort',
  page: 'page',
} as const satisfies Record<keyof SearchFormValues, keyof ServiceSearchParams>;

export function readSearchForm(params: URLSearchParams): SearchFormValues {
  const values = {} as SearchFormValues;
  for (const field of FIELDS) values[field] = (params.get(field) ?? '').trim();
  return values;
}

/** Empty values are dropped, so the API applies its own defaults. */
export function toApiQuery(values: SearchFormValues): ServiceSearchParams {
  const query: ServiceSearchParams = {};
  for (const field of FIELDS) {
    if (values[field]) query[API_NAMES[field]] = values[field];
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
