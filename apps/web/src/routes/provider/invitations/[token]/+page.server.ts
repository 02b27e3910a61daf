// Accept an invitation to join an organisation: the link from the invitation message.
import { fail, redirect } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
  requireSignIn(locals, url);
  return {};
}) satisfies PageServerLoad;

export const actions = {
  default: async ({ locals, url, params }) => {
    const token = requireSignIn(locals, url);
    const result = await api.acceptInvitation(token, params.token);
    if (!result.ok) return fail(result.status, { error: problemMessage(result.problem) });
    redirect(303, '/provider');
  },
} satisfies Actions;
