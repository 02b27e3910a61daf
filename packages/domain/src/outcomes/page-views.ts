// Which renders of a service page count as a person viewing the listing (the anonymous daily count).
// Counted: a full page load by a browser, with or without JavaScript. Not counted: bots and headless browsers,
// link prefetches, re-renders after a form action, SvelteKit data requests (hover preloads look the same as
// real navigations, so the page counts those itself once shown), and changes of the review filters, sorting
// or paging of the same listing.

const BOT = /bot|crawl|spider|slurp|facebookexternalhit|embedly|preview|headless|python|curl|wget|httpclient/i;
/** Query parameters that re-render the same listing: the person is already counted. */
const SAME_LISTING_PARAMS = ['relationship', 'rating', 'verified', 'sort', 'page', 'shortlisted'];

export interface PageRender {
  method: string;
  isDataRequest: boolean;
  userAgent: string | null;
  /** The Sec-Purpose and Purpose request headers, joined. */
  purpose: string;
  searchParams: URLSearchParams;
}

export function isLikelyBot(userAgent: string | null): boolean {
  return !userAgent || BOT.test(userAgent);
}

export function countsAsPageView(render: PageRender): boolean {
  if (render.method !== 'GET' || render.isDataRequest) return false;
  if (/prefetch|prerender/i.test(render.purpose)) return false;
  if (isLikelyBot(render.userAgent)) return false;
  return !SAME_LISTING_PARAMS.some((key) => render.searchParams.has(key));
}
