// Search limits, shared by the API's schemas and the web app's search form. A plain module without TypeBox, so
// the search form on a phone does not download the HTTP schemas with it.
/** Search limits: generous enough for real use, small enough that nobody can ask for the whole country. */
export const SEARCH_LIMITS = {
  maxRadiusKm: 100,
  defaultRadiusKm: 15,
  maxPerPage: 50,
  defaultPerPage: 20,
  maxPage: 500,
  maxQueryLength: 200,
  /** £10,000 in pence: above any real hourly, nightly or weekly price. */
  maxPricePence: 1_000_000,
  /**
   * Totals stop counting here on both search backends (Meilisearch's pagination.maxTotalHits), so a total at
   * this figure means "at least": the web shows "10,000+".
   */
  maxTotalHits: 10_000,
} as const;

/** "1,234", or "10,000+" when the total reached the cap and the real number may be higher. */
export function formatSearchTotal(total: number): string {
  const figure = total.toLocaleString('en-GB');
  return total >= SEARCH_LIMITS.maxTotalHits ? `${figure}+` : figure;
}
