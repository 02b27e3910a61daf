// Council insight for commissioners: one view at a time, its filters in the URL (so a view can be bookmarked
// and shared), charts drawn on the server. The API decides who is a commissioner (403 for everyone else).
import { error } from '@sveltejs/kit';
import { CARE_TYPES, INSIGHT_VIEWS, SECTORS, type InsightView } from '@care-assist/domain';
import { api } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import { filtersFrom, loadInsight } from '$lib/server/insight/load';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const accessToken = requireSignIn(locals, url);
  const view = (url.searchParams.get('view') ?? 'performance') as InsightView;
  if (!INSIGHT_VIEWS.includes(view)) error(404, { message: 'There is no such insight view' });
  const filters = filtersFrom(url);
  // The page shows the first 25 rows of long tables; the CSV download has 100 (up to 500 with ?limit=).
  const limit = /^\d{1,3}$/.test(url.searchParams.get('limit') ?? '') ? url.searchParams.get('limit')! : '25';
  const loaded = await loadInsight(api.councilInsight(accessToken, view, { ...filters, limit }), locals);
  return { view, filters, ...loaded, careTypes: CARE_TYPES, sectors: SECTORS };
}) satisfies PageServerLoad;
