// My reviews: their status, the moderator's reason when one was given, and withdrawing.
import { fail } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireSignIn } from '$lib/server/access';
import { pageQuery } from '$lib/paging';

export const load = (async ({ locals, url }) => {
  const accessToken = requireSignIn(locals, url.pathname);
  const result = await api.myReviews(accessToken, pageQuery(url));
  return {
    reviews: result.ok ? result.data.items : [],
    list: result.ok ? result.data : null,
    submitted: url.searchParams.has('submitted'),
    // Set by the review form when the words mention harm: the writer is shown who to call.
    concern: url.searchParams.get('concern') === '1',
  };
}) satisfies PageServerLoad;

export const actions = {
  withdraw: async ({ request, locals }) => {
    const id = formString(await request.formData(), 'reviewId');
    const result = await api.withdrawReview(locals.accessToken, id);
    if (!result.ok) return fail(result.status, { message: problemMessage(result.problem) });
    return { message: 'Your review was withdrawn.' };
  },
} satisfies Actions;
