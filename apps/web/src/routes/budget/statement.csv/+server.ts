// Passes the API's CSV statement through, so the browser never needs the access token.
import { error } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import type { RequestHandler } from './$types';
import { requireSignIn } from '$lib/server/access';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const GET: RequestHandler = async ({ locals, url }) => {
  const accessToken = requireSignIn(locals, '/budget');
  const budgetId = url.searchParams.get('budget') ?? '';
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  if (!/^[0-9a-f-]{36}$/i.test(budgetId) || (from && !ISO_DATE.test(from)) || (to && !ISO_DATE.test(to))) {
    error(400, 'Choose the dates for your statement, like 2026-04-01.');
  }
  const response = await api.download(`/budgets/${budgetId}/statement.csv`, accessToken, { from, to });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    error(response.status === 404 ? 404 : 400, problem.detail ?? 'We could not make that statement.');
  }
  return new Response(await response.text(), {
    headers: {
      'content-type': response.headers.get('content-type') ?? 'text/csv; charset=utf-8',
      'content-disposition': response.headers.get('content-disposition') ?? 'attachment; filename="statement.csv"',
    },
  });
};
