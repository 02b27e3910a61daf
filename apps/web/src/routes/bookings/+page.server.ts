// Bookings and quote requests the signed-in person takes part in.
import { error } from '@sveltejs/kit';
import type { BookingSummary } from '@care-assist/domain';
import { api } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
  const accessToken = requireSignIn(locals, '/bookings');
  const result = await api.call<BookingSummary[]>('/bookings', { accessToken });
  if (!result.ok) error(result.status, result.problem.detail ?? result.problem.title);
  return { bookings: result.data };
}) satisfies PageServerLoad;
