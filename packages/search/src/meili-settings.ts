// The Meilisearch settings of the services index: what is searched (and in what order of importance), what can
// be filtered and sorted, typo tolerance and the words people use for the same kind of care.
import type { Settings } from 'meilisearch';

/** Each group is a set of phrases that mean the same; every phrase finds the others. */
export const SYNONYM_GROUPS: string[][] = [
  ['elderly', 'older people', 'older adults', 'older person'],
  ['carer', 'carers', 'home care', 'domiciliary', 'domiciliary care', 'home help'],
  ['nursing', 'nursing home', 'nursing care'],
  ['residential', 'residential care', 'residential home', 'care home'],
  ['respite', 'short break', 'short breaks', 'short stay'],
  ['alzheimers', 'alzheimer', 'dementia'],
  ['live in', 'live-in', 'live in care'],
  ['learning disability', 'learning disabilities'],
];

function mutualSynonyms(groups: string[][]): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of groups) {
    for (const phrase of group) {
      const others = group.filter((other) => other !== phrase);
      synonyms[phrase] = [...new Set([...(synonyms[phrase] ?? []), ...others])];
    }
  }
  return synonyms;
}

export const SERVICE_INDEX_SETTINGS = {
  // Order matters: a match in `name` ranks above the same match in `summary` (the `attribute` ranking rule).
  searchableAttributes: [
    'name',
    'organisationName',
    'careTypeLabels',
    'town',
    'county',
    'postcode',
    'specialisms',
    'summary',
  ],
  filterableAttributes: [
    '_geo',
    'careTypes',
    'specialisms',
    'fundingAccepted',
    'cqcRating',
    'acceptingNewClients',
    'ratingCount',
    'ratingMean',
    'languages',
    'councilAccredited',
    'headlinePricePence',
    'pricePerHourPence',
    'pricePerVisitPence',
    'pricePerNightPence',
    'pricePerWeekPence',
  ],
  sortableAttributes: [
    '_geo',
    'rankingScore',
    'valueScore',
    'headlinePricePence',
    'pricePerHourPence',
    'pricePerVisitPence',
    'pricePerNightPence',
    'pricePerWeekPence',
  ],
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
  // `sort` first: when someone asks for nearest or best rated, that order wins over text relevance.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  typoTolerance: {
    enabled: true,
    // Defaults are 5 and 9; place names are often short ("Ware", "Diss", "Epping"), so allow typos sooner.
    minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
    // A postcode one character off is a different place, not a typo.
    disableOnAttributes: ['postcode'],
  },
  synonyms: mutualSynonyms(SYNONYM_GROUPS),
  // Nobody searches within a facet's values: without the facet-search databases each write does less work.
  // (proximityPrecision 'byAttribute' would save more, but it lets "care home" match "care" and "home" apart,
  // which broke the synonym test.)
  facetSearch: false,
  pagination: { maxTotalHits: 10_000 },
  displayedAttributes: ['*'],
} satisfies Settings;

export type ServiceIndexSettings = typeof SERVICE_INDEX_SETTINGS;
