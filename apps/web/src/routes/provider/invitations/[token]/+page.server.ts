// The link in an invitation e-mail. Anyone holding it sees who invited which address to what, so a person with no
// account yet can create one with that address and come straight back here to join; the API checks it all again.
import { fail, redirect } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
  const result = await api.previewInvitation(params.token);
  if (!result.ok) {
    locals.pageStatus = result.status;
    return { invitation: null, problem: problemMessage(result.problem), signedInAs: locals.user?.email ?? null };
  }
  return { invitation: result.data, problem: null, signedInAs: locals.user?.email ?? null };
}) satisfies PageServerLoad;

export const actions = {
  default: async ({ locals, url, params }) => {
    const token = requireSignIn(locals, url);
    const result = await api.acceptInvitation(token, params.token);
    if (!result.ok) return fail(result.status, { error: problemMessage(result.problem) });
    redirect(303, '/provider');
  },
} satisfies Actions;
