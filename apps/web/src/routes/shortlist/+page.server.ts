// The shortlist: services someone kept to compare. Signed-in users keep it in their account; anonymous
// visitors in this browser until they sign in. Adding and removing are form posts, so no JavaScript is needed.
import { fail, redirect } from '@sveltejs/kit';
import { formString } from '$lib/server/forms';
import { safeRedirectPath } from '$lib/server/session';
import { addToShortlist, isServiceId, loadShortlist, removeFromShortlist } from '$lib/server/shortlist';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ cookies, locals }) => ({
  items: await loadShortlist(cookies, locals.accessToken),
})) satisfies PageServerLoad;

export const actions = {
  add: async ({ request, cookies, locals, url }) => {
    const form = await request.formData();
    const serviceId = formString(form, 'serviceId');
    if (!isServiceId(serviceId)) return fail(400, { error: 'Choose a service to add to your shortlist' });
    if (!(await addToShortlist(cookies, url, locals.accessToken, serviceId))) {
      return fail(409, { error: 'Your shortlist is full. Remove a service before adding another.' });
    }
    // Back to the service page it was added from, which then says so; otherwise to the shortlist.
    const back = safeRedirectPath(formString(form, 'redirectTo').split('?')[0], '/shortlist');
    redirect(303, back === '/shortlist' ? '/shortlist' : `${back}?shortlisted=1`);
  },
  remove: async ({ request, cookies, locals, url }) => {
    const serviceId = formString(await request.formData(), 'serviceId');
    if (!isServiceId(serviceId)) return fail(400, { error: 'Choose a service to remove' });
    await removeFromShortlist(cookies, url, locals.accessToken, serviceId);
    redirect(303, '/shortlist');
  },
} satisfies Actions;
