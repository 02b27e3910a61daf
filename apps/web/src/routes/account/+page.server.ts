// Your account: only for people who are signed in.
import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load = (({ locals }) => {
  if (!locals.user) redirect(303, '/login?redirectTo=/account');
  return { account: locals.user };
}) satisfies PageServerLoad;
