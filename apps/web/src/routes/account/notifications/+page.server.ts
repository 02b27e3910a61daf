// Which notification e-mails to get, one checkbox per kind.
import { fail } from '@sveltejs/kit';
import { EMAIL_NOTIFICATION_KINDS } from '@care-assist/domain';
import { requireUser } from '$lib/server/access';
import { problemMessage } from '$lib/server/api';
import { api } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
  const { accessToken } = requireUser(locals, '/account/notifications');
  const result = await api.emailPreferences(accessToken);
  return { preferences: result.ok ? result.data.items : [] };
}) satisfies PageServerLoad;

export const actions = {
  default: async ({ request, locals }) => {
    const { accessToken } = requireUser(locals, '/account/notifications');
    const form = await request.formData();
    const on = new Set(form.getAll('kind').map(String));
    const preferences = Object.fromEntries(EMAIL_NOTIFICATION_KINDS.map((kind) => [kind, on.has(kind)]));
    const result = await api.updateEmailPreferences(accessToken, preferences);
    if (!result.ok) return fail(result.status, { saved: false, problem: problemMessage(result.problem) });
    return { saved: true, problem: null };
  },
} satisfies Actions;
