// The provider's reviews portal: new reviews of its services, and one public reply to each.
import { error, fail } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireSignIn } from '$lib/server/access';
import { pageQuery } from '$lib/paging';

export const load = (async ({ locals, url }) => {
  const accessToken = requireSignIn(locals, url.pathname);
  const result = await api.providerReviews(accessToken, pageQuery(url));
  if (!result.ok) error(result.status, { message: problemMessage(result.problem) });
  return { reviews: result.data.items, list: result.data };
}) satisfies PageServerLoad;

export const actions = {
  verify: async ({ request, locals }) => {
    const reviewId = formString(await request.formData(), 'reviewId');
    const result = await api.verifyReview(locals.accessToken, reviewId);
    if (!result.ok) return fail(result.status, { reviewId, message: problemMessage(result.problem) });
    return { reviewId, message: 'The review now shows as verified.' };
  },
  reply: async ({ request, locals }) => {
    const form = await request.formData();
    const reviewId = formString(form, 'reviewId');
    const body = formString(form, 'body');
    if (body.length < 2) return fail(400, { reviewId, message: 'Write your reply.' });
    const change = formString(form, 'change');
    const result = await api.replyToReview(locals.accessToken, reviewId, {
      body,
      changePlanned: change === 'planned',
      changeMade: change === 'made',
    });
    if (!result.ok) return fail(result.status, { reviewId, message: problemMessage(result.problem) });
    return { reviewId, message: 'Your reply is published.' };
  },
} satisfies Actions;
