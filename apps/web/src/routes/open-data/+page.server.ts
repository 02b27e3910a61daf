// The open data page: what can be downloaded, what every column means, and the licence.
import { openDataIndex } from '$lib/server/open-data';
import type { PageServerLoad } from './$types';

export const load = (async ({ setHeaders }) => {
  setHeaders({ 'cache-control': 'public, max-age=300' });
  return { index: await openDataIndex() };
}) satisfies PageServerLoad;
