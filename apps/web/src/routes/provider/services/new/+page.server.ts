// Create a listing: saved as a draft, then submitted for council review from the portal.
import { error, fail, redirect } from '@sveltejs/kit';
import type { ListingCreate } from '@care-assist/domain';
import { api } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import { listingFromForm, listingProblemErrors } from '$lib/server/listing-form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const token = requireSignIn(locals, url);
  const organisations = await api.myOrganisations(token);
  if (!organisations.ok) error(502, { message: 'We could not load your organisations' });
  const organisation =
    organisations.data.items.find((o) => o.id === url.searchParams.get('organisation')) ?? organisations.data.items[0];
  if (!organisation) redirect(303, '/provider');
  return { organisation };
}) satisfies PageServerLoad;

export const actions = {
  default: async ({ request, locals, url }) => {
    const token = requireSignIn(locals, url);
    const form = await request.formData();
    const { body, values, errors } = listingFromForm(form);
    if (Object.keys(errors).length) return fail(400, { values, errors });
    const organisationId = url.searchParams.get('organisation') ?? '';
    const result = await api.createListing(token, { ...body, organisationId } as ListingCreate);
    if (!result.ok) return fail(result.status, { values, errors: listingProblemErrors(result.problem) });
    redirect(303, `/provider/services/${result.data.id}?created=1`);
  },
} satisfies Actions;
