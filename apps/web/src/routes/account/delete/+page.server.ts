// Delete your account. The API refuses (with what must happen first) while a booking is open or an invoice unpaid.
import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/access';
import { problemMessage } from '$lib/server/api';
import { api } from '$lib/server/api';
import { callFromAction, formString } from '$lib/server/forms';
import { endSession } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => ({
  account: requireUser(locals, '/account/delete').user,
})) satisfies PageServerLoad;

export const actions = {
  default: async ({ request, locals, cookies, url }) => {
    const { accessToken } = requireUser(locals, '/account/delete');
    const form = await request.formData();
    const password = formString(form, 'password', { trim: false });
    const removeReviews = form.get('removeReviews') === 'yes';
    const values = { removeReviews: removeReviews ? 'yes' : '' };
    if (!password) return fail(400, { values, errors: { password: 'Enter your password to confirm' } });
    const call = await callFromAction(() => api.deleteAccount(accessToken, password, removeReviews), values);
    if (!call.ok) return call.failure;
    if (!call.value.ok) {
      const message = problemMessage(call.value.problem);
      return fail(call.value.status, {
        values,
        errors: call.value.status === 403 ? { password: message } : { form: message },
      });
    }
    endSession(cookies, url);
    redirect(303, '/account/deleted');
  },
} satisfies Actions;
