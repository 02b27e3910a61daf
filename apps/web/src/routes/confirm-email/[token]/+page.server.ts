// The link sent to a new address: opening it moves the account to that address.
import { problemMessage } from '$lib/server/api';
import { api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
  const result = await api.confirmEmailChange(params.token);
  if (result.ok) {
    if (locals.user?.id === result.data.id) locals.user = result.data;
    return { email: result.data.email, problem: null };
  }
  locals.pageStatus = result.status;
  return { email: null, problem: problemMessage(result.problem) };
}) satisfies PageServerLoad;
