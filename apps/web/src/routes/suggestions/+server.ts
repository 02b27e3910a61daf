// As-you-type suggestions for the search form's <datalist>s, proxied from the API (same origin, no tokens).
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 60);
  if (!q) return json({ suggestions: [] });
  const result = await api.suggest(q);
  return json(result.ok ? result.data : { suggestions: [] }, {
    headers: { 'cache-control': 'public, max-age=60' },
  });
};
