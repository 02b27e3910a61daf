// Claim your listing, step 1: find the service the CQC import listed, by name, CQC id or postcode.
// A GET form, so it works without JavaScript and a search can be linked to (the register form links here).
import { error } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { requireUser } from '$lib/server/access';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const { user, accessToken } = requireUser(locals, url);
  const q = (url.searchParams.get('q') ?? '').trim();
  if (user.role !== 'provider') return { q, notProvider: true, results: null, queryError: null };
  if (!url.searchParams.has('q')) return { q, notProvider: false, results: null, queryError: null };
  if (q.length < 2) {
    return {
      q,
      notProvider: false,
      results: null,
      queryError: 'Enter at least 2 characters of the name, id or postcode',
    };
  }
  const found = await api.findClaimableServices(accessToken, q.slice(0, 100));
  if (!found.ok) {
    if (found.status === 400)
      return { q, notProvider: false, results: null, queryError: problemMessage(found.problem) };
    error(found.status, { message: problemMessage(found.problem) });
  }
  return { q, notProvider: false, results: found.data.items, queryError: null };
}) satisfies PageServerLoad;
