// The provider's inbox: quote requests and bookings for their organisation's services.
import { error, redirect } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import { pageQuery } from '$lib/paging';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const accessToken = requireSignIn(locals, '/provider/requests');
  if (locals.user?.role !== 'provider') redirect(303, '/bookings');
  // A page of the inbox at a time, newest activity first; requests waiting for a quote lead each page.
  const result = await api.bookings(accessToken, { per_page: '50', ...pageQuery(url) });
  if (!result.ok) error(result.status, problemMessage(result.problem));
  return {
    waiting: result.data.items.filter((b) => b.status === 'requested'),
    others: result.data.items.filter((b) => b.status !== 'requested'),
    list: result.data,
  };
}) satisfies PageServerLoad;
