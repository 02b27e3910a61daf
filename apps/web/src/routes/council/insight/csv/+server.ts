// Passes one insight table's CSV through from the API, so the browser never needs the access token.
import { error } from '@sveltejs/kit';
import { INSIGHT_VIEWS, type InsightView } from '@care-assist/domain';
import { api } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import { filtersFrom } from '$lib/server/insight/load';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
  const accessToken = requireSignIn(locals, url);
  const view = url.searchParams.get('view') as InsightView;
  const table = url.searchParams.get('table') ?? '';
  if (!INSIGHT_VIEWS.includes(view) || !/^[a-z-]{1,40}$/.test(table)) error(404, { message: 'There is no such table' });
  const result = await api.councilInsightCsv(accessToken, view, table, filtersFrom(url));
  if (!result.ok) {
    error(result.status === 403 || result.status === 404 ? result.status : 400, {
      message: result.problem.detail ?? 'We could not make that download.',
    });
  }
  const response = result.data;
  return new Response(await response.text(), {
    headers: {
      'content-type': response.headers.get('content-type') ?? 'text/csv; charset=utf-8',
      'content-disposition': response.headers.get('content-disposition') ?? 'attachment; filename="insight.csv"',
      'cache-control': 'private, no-store',
    },
  });
};
