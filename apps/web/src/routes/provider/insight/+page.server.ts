// A provider's own insight (free for every provider): pick one of your organisations and a period; the API
// checks membership again.
import { error } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import { filtersFrom, loadInsight } from '$lib/server/insight/load';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const accessToken = requireSignIn(locals, url);
  const organisations = await api.myOrganisations(accessToken);
  if (!organisations.ok)
    error(organisations.status === 403 ? 403 : 502, { message: 'We could not load your organisations' });
  const items = organisations.data.items;
  const chosen = items.find((o) => o.id === url.searchParams.get('organisation')) ?? items[0];
  if (!chosen) return { organisations: items, organisationId: null, filters: {}, result: null, charts: [], errors: {} };
  const { from, to } = filtersFrom(url);
  const filters = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const loaded = await loadInsight(api.providerInsight(accessToken, chosen.id, filters), locals);
  return { organisations: items, organisationId: chosen.id, filters, ...loaded };
}) satisfies PageServerLoad;
