// Sign out. Only a POST signs out, so a link or a prefetch can never end someone's session.
import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { ACCESS_COOKIE, REFRESH_COOKIE, endSession } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => ({ signedIn: locals.user !== null })) satisfies PageServerLoad;

export const actions = {
  default: async ({ cookies, url }) => {
    const refreshToken = cookies.get(REFRESH_COOKIE) ?? null;
    const accessToken = cookies.get(ACCESS_COOKIE) ?? null;
    if (refreshToken || accessToken) {
      // Sign out here even if the API cannot be told: the cookies go either way.
      await api.logout(refreshToken, accessToken).catch((cause: unknown) => {
        console.error('Could not revoke the refresh token at sign out:', cause);
      });
    }
    endSession(cookies, url);
    redirect(303, '/logout');
  },
} satisfies Actions;
