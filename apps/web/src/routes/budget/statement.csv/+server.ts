// Passes the API's CSV statement through, so the browser never needs the access token. A statement we
// cannot make sends the holder back to /budget with the reason beside the form (the site's layout, a way on),
// never a bare error page.
import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import type { RequestHandler } from './$types';
import { requireSignIn } from '$lib/server/access';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const GET: RequestHandler = async ({ locals, url }) => {
  const accessToken = requireSignIn(locals, '/budget');
  const budgetId = url.searchParams.get('budget') ?? '';
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  const backWith = (message: string): never =>
    redirect(303, `/budget?${new URLSearchParams({ from, to, statementError: message })}#statement`);
  if (!/^[0-9a-f-]{36}$/i.test(budgetId) || (from && !ISO_DATE.test(from)) || (to && !ISO_DATE.test(to))) {
    backWith('Enter the dates for your statement, like 2026-04-01.');
  }
  if (from && to && from > to) backWith('The “To” date must be the same as or after the “From” date.');
  const result = await api.budgetStatement(accessToken, budgetId, { from, to });
  if (!result.ok)
    return backWith(result.problem.detail ?? 'We could not make that statement. Check the dates and try again.');
  const response = result.data;
  return new Response(await response.text(), {
    headers: {
      'content-type': response.headers.get('content-type') ?? 'text/csv; charset=utf-8',
      'content-disposition': response.headers.get('content-disposition') ?? 'attachment; filename="statement.csv"',
    },
  });
};
