// Your account: only for people who are signed in.
import { requireUser } from '$lib/server/access';
import type { PageServerLoad } from './$types';

export const load = (({ locals }) => {
  return { account: requireUser(locals, '/account').user };
}) satisfies PageServerLoad;
