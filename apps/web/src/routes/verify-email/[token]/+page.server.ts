// The link in the confirmation e-mail. Opening it confirms the address (the link is the proof); a bad link shows
// why, with a way to ask for a new one.
import { problemMessage } from '$lib/server/api';
import { api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
  const result = await api.verifyEmail(params.token);
  if (result.ok) {
    if (locals.user) locals.user = { ...locals.user, emailVerified: true };
    return { confirmed: true, email: result.data.email, problem: null, signedIn: locals.user !== null };
  }
  locals.pageStatus = result.status;
  return { confirmed: false, email: null, problem: problemMessage(result.problem), signedIn: locals.user !== null };
}) satisfies PageServerLoad;
