// Claim your listing, step 2: say why the council should believe you run it. The listing is found again
// through the search it came from (?q=), so this page needs no API of its own and a stale link says so.
import { error, fail, redirect } from '@sveltejs/kit';
import { api, problemFormErrors, problemMessage } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import { requireSignIn, requireUser } from '$lib/server/access';
import type { Actions, PageServerLoad } from './$types';

/** Matches ClaimBodySchema: enough to check, short enough to read. */
const EVIDENCE = { min: 10, max: 2000 } as const;

async function findListing(accessToken: string, serviceId: string, q: string) {
  if (q.trim().length < 2) redirect(303, '/provider/claim');
  const found = await api.findClaimableServices(accessToken, q.trim().slice(0, 100));
  if (!found.ok) error(found.status, { message: problemMessage(found.problem) });
  const listing = found.data.items.find((item) => item.serviceId === serviceId);
  if (!listing) redirect(303, `/provider/claim?q=${encodeURIComponent(q)}`);
  return listing;
}

export const load = (async ({ locals, url, params }) => {
  const { user, accessToken } = requireUser(locals, url);
  const q = url.searchParams.get('q') ?? '';
  // A resident who followed "Claim it" from a service page learns there that claims need a provider account.
  if (user.role !== 'provider') redirect(303, `/provider/claim?q=${encodeURIComponent(q)}`);
  return { q, listing: await findListing(accessToken, params.serviceId, q) };
}) satisfies PageServerLoad;

export const actions = {
  default: async ({ request, locals, url, params }) => {
    const accessToken = requireSignIn(locals, url);
    const q = url.searchParams.get('q') ?? '';
    const listing = await findListing(accessToken, params.serviceId, q);
    const evidence = formString(await request.formData(), 'evidence');
    if (evidence.length < EVIDENCE.min || evidence.length > EVIDENCE.max) {
      return fail(400, {
        evidence,
        errors: {
          evidence:
            evidence.length < EVIDENCE.min
              ? 'Tell the council how they can check that you run this service'
              : `Keep it to ${EVIDENCE.max} characters`,
        },
      });
    }
    const claimed = await api.claimOrganisation(accessToken, listing.organisationId, evidence);
    if (!claimed.ok) {
      return fail(claimed.status, { evidence, errors: problemFormErrors(claimed.problem) });
    }
    redirect(303, `/provider/claims?claimed=${encodeURIComponent(claimed.data.organisationName)}`);
  },
} satisfies Actions;
