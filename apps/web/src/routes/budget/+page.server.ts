// The budget holder's personal budget: figures, every ledger entry with a running figure, and a statement.
import { error } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import type { PageServerLoad } from './$types';

// No JavaScript on this page: everything on it works as plain HTML and forms, and a phone that hydrates nothing
// has nothing to block on (issue 14, Lighthouse on a phone).
export const csr = false;

export const load = (async ({ locals, url }) => {
  // Sent back here by statement.csv when it could not make the statement: the dates asked for and why.
  const statement = {
    from: url.searchParams.get('from') ?? '',
    to: url.searchParams.get('to') ?? '',
    error: url.searchParams.get('statementError')?.slice(0, 300) ?? null,
  };
  if (statement.error) locals.pageStatus = 400;
  const accessToken = requireSignIn(locals, '/budget');
  // The newest budget (a holder has one per period).
  const list = await api.budgets(accessToken, { per_page: '1' });
  if (!list.ok) error(list.status, problemMessage(list.problem));
  const first = list.data.items[0];
  if (!first) return { budget: null, statement };
  const detail = await api.budget(accessToken, first.id);
  if (!detail.ok) error(detail.status, problemMessage(detail.problem));
  return { budget: detail.data, statement };
}) satisfies PageServerLoad;
