// Change your name, email address (takes effect from the link sent to the new address) or password.
import { fail } from '@sveltejs/kit';
import { PASSWORD_MIN_LENGTH } from '@care-assist/domain';
import { requireUser } from '$lib/server/access';
import { problemMessage } from '$lib/server/api';
import { api } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => ({
  account: requireUser(locals, '/account/details').user,
})) satisfies PageServerLoad;

export const actions = {
  name: async ({ request, locals }) => {
    const { accessToken } = requireUser(locals, '/account/details');
    const displayName = formString(await request.formData(), 'displayName');
    if (!displayName || displayName.length > 100) {
      return fail(400, { form: 'name', errors: { displayName: 'Enter your name (up to 100 characters)' }, done: null });
    }
    const result = await api.updateProfile(accessToken, displayName);
    if (!result.ok)
      return fail(result.status, { form: 'name', errors: { displayName: problemMessage(result.problem) }, done: null });
    locals.user = result.data;
    return { form: 'name', errors: {}, done: 'Your name has been changed.' };
  },

  email: async ({ request, locals }) => {
    const { accessToken } = requireUser(locals, '/account/details');
    const data = await request.formData();
    const newEmail = formString(data, 'newEmail');
    const password = formString(data, 'emailPassword', { trim: false });
    const errors: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(newEmail)) errors.newEmail = 'Enter an email address, like name@example.com';
    if (!password) errors.emailPassword = 'Enter your password';
    if (Object.keys(errors).length > 0) return fail(400, { form: 'email', errors, done: null });
    const result = await api.requestEmailChange(accessToken, newEmail, password);
    if (!result.ok) {
      const message = problemMessage(result.problem);
      return fail(result.status, {
        form: 'email',
        errors: result.status === 403 ? { emailPassword: message } : { newEmail: message },
        done: null,
      });
    }
    return { form: 'email', errors: {}, done: result.data.message };
  },

  password: async ({ request, locals }) => {
    const { accessToken } = requireUser(locals, '/account/details');
    const data = await request.formData();
    const currentPassword = formString(data, 'currentPassword', { trim: false });
    const newPassword = formString(data, 'newPassword', { trim: false });
    const errors: Record<string, string> = {};
    if (!currentPassword) errors.currentPassword = 'Enter your current password';
    if (newPassword.length < PASSWORD_MIN_LENGTH) {
      errors.newPassword = `Your new password must be at least ${PASSWORD_MIN_LENGTH} characters`;
    }
    if (Object.keys(errors).length > 0) return fail(400, { form: 'password', errors, done: null });
    const result = await api.changePassword(accessToken, currentPassword, newPassword);
    if (!result.ok) {
      return fail(result.status, {
        form: 'password',
        errors: { currentPassword: problemMessage(result.problem) },
        done: null,
      });
    }
    return {
      form: 'password',
      errors: {},
      done: 'Your password has been changed. Any other device signed in to your account has been signed out.',
    };
  },
} satisfies Actions;
