// One-click unsubscribe from a notification e-mail. Opening the link shows one button: a link scanner fetching
// the page changes nothing; pressing the button (a POST) switches that kind of e-mail off.
import { fail } from '@sveltejs/kit';
import { problemMessage } from '$lib/server/api';
import { api } from '$lib/server/api';
import type { Actions } from './$types';

export const actions = {
  default: async ({ params }) => {
    const result = await api.unsubscribe(params.token);
    if (!result.ok) return fail(result.status, { done: null, problem: problemMessage(result.problem) });
    return { done: result.data.label, problem: null };
  },
} satisfies Actions;
