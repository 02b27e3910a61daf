// The orders a search can be sorted in, with what people see them called, in the order the menu shows them: the
// API's schema, both search backends and the web's sort menu all read this list. A plain module, so the web's
// search form does not need TypeBox.
export const SEARCH_SORT_CHOICES = [
  { value: 'relevance', label: 'Best match' },
  { value: 'distance', label: 'Nearest' },
  { value: 'rating', label: 'Highest rated' },
  { value: 'price', label: 'Lowest price' },
  { value: 'value', label: 'Best value for money' },
] as const;
export type SearchSort = (typeof SEARCH_SORT_CHOICES)[number]['value'];
export const SEARCH_SORTS: readonly SearchSort[] = SEARCH_SORT_CHOICES.map((choice) => choice.value);
