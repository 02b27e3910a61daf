// The orders a search can be sorted in, and what people see them called: the API's schema, both search backends
// and the web's sort menu all read this list. A plain module, so the web's search form does not need TypeBox.
export const SEARCH_SORTS = ['relevance', 'distance', 'rating', 'price', 'value'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const SEARCH_SORT_LABELS: Record<SearchSort, string> = {
  relevance: 'Best match',
  distance: 'Nearest',
  rating: 'Highest rated',
  price: 'Lowest price',
  value: 'Best value for money',
};
