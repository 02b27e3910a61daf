// Public service pages: search, suggestions, one service (with its page-view count), its photos, the shortlist,
// and the open data index.
import type {
  OpenDataIndex,
  SearchQuery,
  SearchResponse,
  ServiceDetail,
  Shortlist,
  SuggestionsResponse,
} from '@care-assist/domain';
import { download, request } from './client';

/** The search's query string as sent: the API's own parameter names (domain's SearchQuery), each as text. */
export type ServiceSearchParams = { [K in keyof SearchQuery]?: K extends 'cqc_rating' ? string | string[] : string };

export const servicesApi = {
  searchServices: (query: ServiceSearchParams, fetchFn?: typeof fetch) =>
    request<SearchResponse>('/services', { query: { ...query }, fetch: fetchFn }),

  suggest: (q: string, fetchFn?: typeof fetch) =>
    request<SuggestionsResponse>('/suggestions', { query: { q }, fetch: fetchFn }),

  /**
   * `countView`: this fetch renders the page for a person, so the API adds it to the anonymous daily count,
   * once per viewer a day: it knows the viewer by the forwarded address and `viewerAgent` (their browser's user
   * agent), hashed under a salt that lasts one day.
   */
  getService: (
    idOrSlug: string,
    fetchFn?: typeof fetch,
    { countView = false, viewerAgent = '' }: { countView?: boolean; viewerAgent?: string | null } = {},
  ) =>
    request<ServiceDetail>(`/services/${encodeURIComponent(idOrSlug)}`, {
      fetch: fetchFn,
      ...(countView ? { headers: { 'x-page-view': '1', 'x-viewer-agent': viewerAgent ?? '' } } : {}),
    }),

  /** A service page shown by client-side navigation (see routes/services/[slug]/viewed). */
  countServiceView: (idOrSlug: string, viewerAgent: string | null) =>
    request<undefined>(`/services/${encodeURIComponent(idOrSlug)}/page-views`, {
      method: 'POST',
      headers: { 'x-viewer-agent': viewerAgent ?? '' },
    }),

  /**
   * A listing photo's bytes, as the API serves them. Photos of published listings are public; those of other
   * listings only reach the organisation's members and council staff, so the viewer's token goes along.
   */
  photo: (fileName: string, accessToken: string | null) =>
    download(`/photos/${encodeURIComponent(fileName)}`, { accessToken }),

  getShortlist: (accessToken: string) => request<Shortlist>('/shortlist', { accessToken }),

  addToShortlist: (accessToken: string, serviceId: string) =>
    request<Shortlist>(`/shortlist/${encodeURIComponent(serviceId)}`, { method: 'PUT', accessToken }),

  removeFromShortlist: (accessToken: string, serviceId: string) =>
    request<Shortlist>(`/shortlist/${encodeURIComponent(serviceId)}`, { method: 'DELETE', accessToken }),

  mergeShortlist: (accessToken: string, serviceIds: string[]) =>
    request<Shortlist>('/shortlist/merge', { method: 'POST', accessToken, body: { serviceIds } }),

  /** The open data files, their dictionary and licence; built from the whole directory, so it may take a while. */
  openDataIndex: () => request<OpenDataIndex>('/open-data/', { timeoutMs: 15_000 }),
};
