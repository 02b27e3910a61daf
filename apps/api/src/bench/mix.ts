// The search mix the bench drives, across England: each as the query string a resident's browser sends to the
// API, and as the SearchRequest the API makes of it (which `meiliSearchBody` turns into the raw Meilisearch call:
// the floor). Text, a typo, postcode + radius, care type + postcode, filters, and every sort.
import { locatePostcode } from '@care-assist/geo';
import type { SearchRequest } from '@care-assist/search';

function near(postcode: string, radiusKm: number): SearchRequest['near'] {
  const located = locatePostcode(postcode);
  if (!located.ok) throw new Error(`bench: cannot locate ${postcode}`);
  return { latitude: located.location.latitude, longitude: located.location.longitude, radiusKm };
}

const page = { offset: 0, limit: 20 };

export const SEARCH_MIX: { name: string; query: string; request: SearchRequest }[] = [
  { name: 'text', query: 'q=dementia', request: { text: 'dementia', sort: 'relevance', ...page } },
  { name: 'typo', query: 'q=dementa', request: { text: 'dementa', sort: 'relevance', ...page } },
  {
    name: 'postcode + radius',
    query: 'postcode=M1&radius_km=10',
    request: { near: near('M1', 10), sort: 'distance', ...page },
  },
  {
    name: 'care type + postcode',
    query: 'postcode=LS1&care_type=home_care',
    request: { near: near('LS1', 15), careType: 'home_care', sort: 'distance', ...page },
  },
  {
    name: 'filters',
    query: 'postcode=B1&funding=council_funded&vacancies=true&min_rating=3',
    request: {
      near: near('B1', 15),
      funding: 'council_funded',
      acceptingNewClients: true,
      minRating: 3,
      sort: 'distance',
      ...page,
    },
  },
  {
    name: 'sort by rating',
    query: 'postcode=CM1&radius_km=25&sort=rating',
    request: { near: near('CM1', 25), sort: 'rating', ...page },
  },
  {
    name: 'sort by price',
    query: 'care_type=care_home&sort=price&price_unit=week',
    request: { careType: 'care_home', sort: 'price', priceUnit: 'week', ...page },
  },
  {
    name: 'sort by value',
    query: 'postcode=BS1&radius_km=20&sort=value',
    request: { near: near('BS1', 20), sort: 'value', ...page },
  },
];
