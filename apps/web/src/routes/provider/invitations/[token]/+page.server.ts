// Accept an invitation to join an organisation: the link from the invitation message.
import { fail, redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { requireAccessToken } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
  requireAccessToken(locals, url);
  return {};
}) satisfies PageServerLoad;

export const actions = {
  default: async ({ locals, url, params }) => {
    const token = requireAccessToken(locals, url);
    const result = await api.acceptInvitation(token, params.token);
    if (!result.ok) return fail(result.status, { error: result.problem.detail ?? result.problem.title });
    redirect(303, '/provider');
  },
} satisfies Actions;
