// Bookings and quote requests the signed-in person takes part in.
import { error } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import { pageQuery } from '$lib/paging';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const accessToken = requireSignIn(locals, '/bookings');
  const result = await api.bookings(accessToken, pageQuery(url));
  if (!result.ok) error(result.status, problemMessage(result.problem));
  return { bookings: result.data.items, list: result.data };
}) satisfies PageServerLoad;
