// Reads a service-page request into the rule of which renders count as a person viewing the listing
// (countsAsPageView in @care-assist/domain, where it is unit-tested).
import { countsAsPageView as rule } from '@care-assist/domain';

export function countsAsPageView(event: { request: Request; isDataRequest: boolean; url: URL }): boolean {
  const { request, isDataRequest, url } = event;
  return rule({
    method: request.method,
    isDataRequest,
    userAgent: request.headers.get('user-agent'),
    purpose: `${request.headers.get('sec-purpose') ?? ''} ${request.headers.get('purpose') ?? ''}`,
    searchParams: url.searchParams,
  });
}
