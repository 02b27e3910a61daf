// Lists from the API come a page at a time (PageSchema in @care-assist/domain). A list page in the web app reads
// `?page=N` from its own address, asks the API for that page, and links to the others with ListPages.svelte.
import type { ResolvedPathname } from '$app/types';

/** The API query for the page this address asks for: `?page=N` (a missing or bad value is page 1). */
export function pageQuery(url: URL): { page?: string } {
  const page = url.searchParams.get('page') ?? '';
  return /^[1-9][0-9]{0,4}$/.test(page) ? { page } : {};
}

/** This address with `page` changed, keeping every other query parameter (filters, tabs). */
export function pageHref(url: URL, page: number): ResolvedPathname {
  const params = new URLSearchParams(url.searchParams);
  if (page > 1) params.set('page', String(page));
  else params.delete('page');
  const query = params.toString();
  // The path is the current page's own, already resolved against the base path.
  return (query ? `${url.pathname}?${query}` : url.pathname) as ResolvedPathname;
}
