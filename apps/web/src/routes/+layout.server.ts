import type { NotificationList } from '@care-assist/domain';
import { api } from '$lib/server/api';
import type { LayoutServerLoad } from './$types';

export const load = (async ({ locals }) => {
  let unreadNotifications = 0;
  if (locals.user && locals.accessToken) {
    const result = await api.call<NotificationList>('/notifications', { accessToken: locals.accessToken });
    if (result.ok) unreadNotifications = result.data.unreadCount;
  }
  return { user: locals.user, unreadNotifications };
}) satisfies LayoutServerLoad;
