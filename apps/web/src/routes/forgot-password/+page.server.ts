// "Forgot your password?": asks the API to e-mail a reset link. The page says the same thing whether or not the
// address has an account.
import { fail } from '@sveltejs/kit';
import { problemMessage } from '$lib/server/api';
import { api } from '$lib/server/api';
import { callFromAction, formString } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions = {
  default: async ({ request }) => {
    const form = await request.formData();
    const values = { email: formString(form, 'email') };
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) {
      return fail(400, { values, errors: { email: 'Enter your email address, like name@example.com' }, sent: null });
    }
    const call = await callFromAction(() => api.requestPasswordReset(values.email), values);
    if (!call.ok) return call.failure;
    const result = call.value;
    if (!result.ok) {
      return fail(result.status === 429 ? 429 : 400, {
        values,
        errors: { form: problemMessage(result.problem) },
        sent: null,
      });
    }
    return { values, errors: {}, sent: result.data.message };
  },
} satisfies Actions;
