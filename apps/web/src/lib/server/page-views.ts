// Which service-page renders count as a person viewing the listing (for the anonymous daily count).
// Counted: a full page load by a browser (with or without JavaScript). Not counted: bots and headless
// browsers, link prefetches, re-renders after a form action, and changes of the review filters or page on the
// same listing. Client-side navigations to a listing are counted by the page itself (see viewed/+server.ts),
// because SvelteKit's hover preloading fetches the same data whether or not the person then clicks.
const BOT = /bot|crawl|spider|slurp|facebookexternalhit|embedly|preview|headless|python|curl|wget|httpclient/i;

export function countsAsPageView(event: { request: Request; isDataRequest: boolean; url: URL }): boolean {
  const { request, isDataRequest, url } = event;
  if (request.method !== 'GET' || isDataRequest) return false;
  const purpose = `${request.headers.get('sec-purpose') ?? ''} ${request.headers.get('purpose') ?? ''}`;
  if (/prefetch|prerender/i.test(purpose)) return false;
  const agent = request.headers.get('user-agent') ?? '';
  if (!agent || BOT.test(agent)) return false;
  // Review filters, sorting and paging re-render the same listing: the person is already counted.
  for (const key of ['relationship', 'rating', 'verified', 'sort', 'page', 'shortlisted']) {
    if (url.searchParams.has(key)) return false;
  }
  return true;
}
