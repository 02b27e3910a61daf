// Typed errors of the search package, so the API can answer 503 / fall back to Postgres, or 400, without
// knowing which search engine is behind the SearchIndex interface.

/** The search engine cannot be reached, timed out, or is not ready (e.g. its index does not exist yet). */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The request cannot be answered as asked, e.g. sorting by distance without a location. A caller bug or a 400. */
export class InvalidSearchRequestError extends Error {
  override name = 'InvalidSearchRequestError';
}

/** The search engine accepted a write but then failed it (a Meilisearch task ended as `failed`). */
export class SearchTaskFailedError extends Error {
  override name = 'SearchTaskFailedError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}
