// Personal budgets (the holder's own, and council staff's for everyone): figures, ledger, the CSV statement,
// opening one and adding money, the council's brokerage income, and the notifications money moves send.
import type {
  BrokerageIncome,
  BudgetAccount,
  BudgetDetail,
  BudgetMoneyRequest,
  NotificationList,
  OpenBudgetRequest,
  Page,
} from '@care-assist/domain';
import { download, request } from './client';

export const budgetsApi = {
  budgets: (accessToken: string | null, paging: { page?: string; per_page?: string }) =>
    request<Page<BudgetAccount>>('/budgets', { query: paging, accessToken }),

  budget: (accessToken: string | null, id: string) =>
    request<BudgetDetail>(`/budgets/${encodeURIComponent(id)}`, { accessToken }),

  openBudget: (accessToken: string | null, body: OpenBudgetRequest, idempotencyKey?: string) =>
    request<BudgetDetail>('/budgets', { method: 'POST', body, accessToken, idempotencyKey }),

  addBudgetMoney: (accessToken: string | null, id: string, body: BudgetMoneyRequest, idempotencyKey?: string) =>
    request<BudgetDetail>(`/budgets/${encodeURIComponent(id)}/entries`, {
      method: 'POST',
      body,
      accessToken,
      idempotencyKey,
    }),

  /** The ledger between two dates (both optional) as CSV, passed through as the API makes it. */
  budgetStatement: (accessToken: string, id: string, period: { from?: string; to?: string }) =>
    download(`/budgets/${encodeURIComponent(id)}/statement.csv`, { query: period, accessToken }),

  brokerageIncome: (accessToken: string | null) =>
    request<BrokerageIncome>('/budgets/brokerage-income', { accessToken }),

  notifications: (accessToken: string | null, paging: { page?: string; per_page?: string }) =>
    request<NotificationList>('/notifications', { query: paging, accessToken }),

  readAllNotifications: (accessToken: string | null) =>
    request<undefined>('/notifications/read-all', { method: 'POST', accessToken }),
};
