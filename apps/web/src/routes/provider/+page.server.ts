// The provider portal: my organisations, my listings and their status, staff invitations.
import { error, fail } from '@sveltejs/kit';
import { SECTOR_CODES, type Sector } from '@care-assist/domain';
import { api, problemFormErrors, problemMessage } from '$lib/server/api';
import { formString, formStrings } from '$lib/server/forms';
import { requireSignIn } from '$lib/server/access';
import { pageQuery } from '$lib/paging';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const token = requireSignIn(locals, url);
  const [organisations, listings, claims] = await Promise.all([
    api.myOrganisations(token),
    api.myListings(token, pageQuery(url)),
    api.myClaims(token),
  ]);
  if (!organisations.ok || !listings.ok) error(502, { message: 'We could not load your organisations' });
  return {
    organisations: organisations.data.items,
    listings: listings.data.items,
    listingList: listings.data,
    // Staff and council accounts have no claims (403): the portal simply shows none.
    claims: claims.ok ? claims.data.items : [],
    submitted: url.searchParams.get('submitted'),
    saved: url.searchParams.get('saved'),
  };
}) satisfies PageServerLoad;

export const actions = {
  registerOrganisation: async ({ request, locals, url }) => {
    const token = requireSignIn(locals, url);
    const form = await request.formData();
    const values = formStrings(form, ['name', 'sector', 'cqcProviderId', 'contactEmail']);
    const errors: Record<string, string> = {};
    if (!values.name) errors.name = 'Enter the name of your organisation';
    if (!SECTOR_CODES.includes(values.sector as Sector)) errors.sector = 'Choose the sector';
    if (Object.keys(errors).length) return fail(400, { organisation: { values, errors, claimQuery: null } });
    const result = await api.registerOrganisation(token, {
      name: values.name,
      sector: values.sector as Sector,
      cqcProviderId: values.cqcProviderId || null,
      contactEmail: values.contactEmail || null,
    });
    if (!result.ok) {
      const fieldErrors = problemFormErrors(result.problem);
      // The CQC id is taken: usually by the organisation the CQC import made, which this provider can claim.
      const claimQuery = result.status === 409 && values.cqcProviderId ? values.cqcProviderId : null;
      return fail(result.status, { organisation: { values, errors: fieldErrors, claimQuery } });
    }
    return { registered: result.data.name };
  },

  submit: async ({ request, locals, url }) => {
    const token = requireSignIn(locals, url);
    const id = formString(await request.formData(), 'id');
    const result = await api.submitListing(token, id);
    if (!result.ok) return fail(result.status, { submitError: problemMessage(result.problem) });
    return { submittedName: result.data.name };
  },

  invite: async ({ request, locals, url }) => {
    const token = requireSignIn(locals, url);
    const form = await request.formData();
    const organisationId = formString(form, 'organisationId');
    const values = { email: formString(form, 'email'), role: formString(form, 'role') === 'owner' ? 'owner' : 'staff' };
    if (!values.email) {
      return fail(400, { invite: { organisationId, values, errors: { email: 'Enter their email address' } } });
    }
    const result = await api.inviteMember(token, organisationId, values as { email: string; role: 'owner' | 'staff' });
    if (!result.ok) {
      const fieldErrors = problemFormErrors(result.problem);
      return fail(result.status, { invite: { organisationId, values, errors: fieldErrors } });
    }
    return { invited: result.data.email };
  },
} satisfies Actions;
