// My reviews: their status, the moderator's reason when one was given, and withdrawing.
import { fail, redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
  const result = await api.myReviews(locals.accessToken);
  return { reviews: result.ok ? result.data : [], submitted: url.searchParams.has('submitted') };
}) satisfies PageServerLoad;

export const actions = {
  withdraw: async ({ request, locals }) => {
    const id = formString(await request.formData(), 'reviewId');
    const result = await api.withdrawReview(locals.accessToken, id);
    if (!result.ok) return fail(result.status, { message: result.problem.detail ?? result.problem.title });
    return { message: 'Your review was withdrawn.' };
  },
} satisfies Actions;
