// Edit a listing. Significant edits to a published listing send it back to the council for review.
import { error, fail } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { requireAccessToken } from '$lib/server/guards';
import { listingFromForm, listingProblemErrors, listingToValues } from '$lib/server/listing-form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url, params }) => {
  const token = requireAccessToken(locals, url);
  const result = await api.myListing(token, params.id);
  if (!result.ok) {
    error(result.status === 403 ? 403 : 404, {
      message: result.status === 403 ? 'That listing belongs to another organisation' : 'There is no such listing',
    });
  }
  return { listing: result.data, values: listingToValues(result.data), created: url.searchParams.has('created') };
}) satisfies PageServerLoad;

export const actions = {
  default: async ({ request, locals, url, params }) => {
    const token = requireAccessToken(locals, url);
    const { body, values, errors } = listingFromForm(await request.formData());
    if (Object.keys(errors).length) return fail(400, { values, errors });
    const result = await api.updateListing(token, params.id, body);
    if (!result.ok) return fail(result.status, { values, errors: listingProblemErrors(result.problem) });
    return { saved: true, backToReview: result.data.backToReview };
  },
} satisfies Actions;
