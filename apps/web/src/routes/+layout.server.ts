import { api } from '$lib/server/api';
import type { LayoutServerLoad } from './$types';

export const load = (async ({ locals }) => {
  let unreadNotifications = 0;
  if (locals.user && locals.accessToken) {
    // Only the unread count is wanted: one item keeps the read small.
    const result = await api.notifications(locals.accessToken, { per_page: '1' });
    if (result.ok) unreadNotifications = result.data.unreadCount;
  }
  // Admins are commissioners by role; a moderator only when an admin granted it, which only the API knows.
  let commissioner = locals.user?.role === 'admin';
  if (locals.user?.role === 'moderator' && locals.accessToken) {
    const access = await api.insightAccess(locals.accessToken);
    commissioner = access.ok && access.data.commissioner;
  }
  return { user: locals.user, unreadNotifications, commissioner };
}) satisfies LayoutServerLoad;
