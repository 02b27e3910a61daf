// Insight: council views for commissioners (and their CSV tables), a provider's view of its own organisation,
// and who the commissioners are.
import type {
  CommissionerChange,
  CommissionerList,
  InsightAccess,
  InsightView,
  InsightViewResponse,
} from '@care-assist/domain';
import { download, request } from './client';

type Filters = Record<string, string | undefined>;

export const insightApi = {
  insightAccess: (accessToken: string) => request<InsightAccess>('/insight/access', { accessToken }),

  councilInsight: (accessToken: string, view: InsightView, filters: Filters) =>
    request<InsightViewResponse>(`/insight/${encodeURIComponent(view)}`, { query: filters, accessToken }),

  /** One table of a council view as CSV, passed through as the API makes it. */
  councilInsightCsv: (accessToken: string, view: InsightView, table: string, filters: Filters) =>
    download(`/insight/${encodeURIComponent(view)}/csv/${encodeURIComponent(table)}`, { query: filters, accessToken }),

  providerInsight: (accessToken: string, organisationId: string, period: { from?: string; to?: string }) =>
    request<InsightViewResponse>('/provider/insight', {
      query: { ...period, organisation_id: organisationId },
      accessToken,
    }),

  /** Council staff are tens of people: one page of up to 100. */
  commissioners: (accessToken: string) =>
    request<CommissionerList>('/council/commissioners', { query: { per_page: '100' }, accessToken }),

  /** Grants (`true`) or takes back (`false`) a moderator's commissioner permission. */
  setCommissioner: (accessToken: string, userId: string, commissioner: boolean) =>
    request<CommissionerChange>(`/council/commissioners/${encodeURIComponent(userId)}`, {
      method: commissioner ? 'PUT' : 'DELETE',
      accessToken,
    }),
};
