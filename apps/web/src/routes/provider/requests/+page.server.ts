// The provider's inbox: quote requests and bookings for their organisation's services.
import { error, redirect } from '@sveltejs/kit';
import type { BookingSummary } from '@care-assist/domain';
import { api, problemMessage } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
  const accessToken = requireSignIn(locals, '/provider/requests');
  if (locals.user?.role !== 'provider') redirect(303, '/bookings');
  const result = await api.call<BookingSummary[]>('/bookings', { accessToken });
  if (!result.ok) error(result.status, problemMessage(result.problem));
  return {
    waiting: result.data.filter((b) => b.status === 'requested'),
    others: result.data.filter((b) => b.status !== 'requested'),
  };
}) satisfies PageServerLoad;
