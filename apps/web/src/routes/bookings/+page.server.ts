// Bookings and quote requests the signed-in person takes part in.
import { error } from '@sveltejs/kit';
import type { BookingSummary } from '@care-assist/domain';
import { api, problemMessage } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
  const accessToken = requireSignIn(locals, '/bookings');
  const result = await api.call<BookingSummary[]>('/bookings', { accessToken });
  if (!result.ok) error(result.status, problemMessage(result.problem));
  return { bookings: result.data };
}) satisfies PageServerLoad;
