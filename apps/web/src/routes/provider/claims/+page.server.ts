// A provider's claims on CQC-imported listings: where each stands and what the council said.
import { error } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const accessToken = requireSignIn(locals, url);
  const claims = await api.myClaims(accessToken);
  if (!claims.ok) error(claims.status, { message: problemMessage(claims.problem) });
  return { claims: claims.data.items, claimed: url.searchParams.get('claimed') };
}) satisfies PageServerLoad;
