// The signed-in person's notifications; opening the page does not mark them read, the button does.
import { error, redirect } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { requireSignIn } from '$lib/server/access';
import { pageQuery } from '$lib/paging';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const accessToken = requireSignIn(locals, '/notifications');
  const result = await api.notifications(accessToken, pageQuery(url));
  if (!result.ok) error(result.status, problemMessage(result.problem));
  return { notifications: result.data };
}) satisfies PageServerLoad;

export const actions = {
  readAll: async ({ locals }) => {
    const accessToken = requireSignIn(locals, '/notifications');
    await api.readAllNotifications(accessToken);
    redirect(303, '/notifications');
  },
} satisfies Actions;
