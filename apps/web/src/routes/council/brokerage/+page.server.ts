// Council staff: brokerage income from paid invoices, by month and by provider.
import { error } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
  const accessToken = requireSignIn(locals, '/council/brokerage');
  const result = await api.brokerageIncome(accessToken);
  if (!result.ok) error(result.status, problemMessage(result.problem));
  return { income: result.data };
}) satisfies PageServerLoad;
