// Choose a new password from the link in the reset e-mail. Signs the account out everywhere (the API does that).
import { fail, redirect } from '@sveltejs/kit';
import { PASSWORD_MIN_LENGTH } from '@care-assist/domain';
import { problemMessage } from '$lib/server/api';
import { api } from '$lib/server/api';
import { callFromAction, formString } from '$lib/server/forms';
import { endSession } from '$lib/server/session';
import type { Actions } from './$types';

export const actions = {
  default: async ({ request, params, cookies, url }) => {
    const form = await request.formData();
    const password = formString(form, 'password', { trim: false });
    const confirm = formString(form, 'confirmPassword', { trim: false });
    const errors: Record<string, string> = {};
    if (password.length < PASSWORD_MIN_LENGTH) {
      errors.password = `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
    } else if (password !== confirm) errors.confirmPassword = 'The two passwords are not the same';
    if (Object.keys(errors).length > 0) return fail(400, { errors });
    const call = await callFromAction(() => api.resetPassword(params.token, password), {});
    if (!call.ok) return call.failure;
    if (!call.value.ok) {
      return fail(call.value.status, { errors: { form: problemMessage(call.value.problem) } });
    }
    endSession(cookies, url);
    redirect(303, '/login?reset=done');
  },
} satisfies Actions;
