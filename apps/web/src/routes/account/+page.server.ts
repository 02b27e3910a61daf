// Your account: only for people who are signed in. Offers a new confirmation link while the address is unconfirmed.
import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/access';
import { problemMessage } from '$lib/server/api';
import { api } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
  return { account: requireUser(locals, '/account').user, deleted: url.searchParams.get('deleted') === '1' };
}) satisfies PageServerLoad;

export const actions = {
  resend: async ({ locals }) => {
    const { accessToken } = requireUser(locals, '/account');
    const result = await api.resendVerification(accessToken);
    if (!result.ok) return fail(result.status, { resent: null, problem: problemMessage(result.problem) });
    return { resent: result.data.message, problem: null };
  },
} satisfies Actions;
