// Sign in: check the email and password with the API, then keep the tokens in httpOnly cookies.
import { fail, redirect } from '@sveltejs/kit';
import { api, problemFormErrors } from '$lib/server/api';
import { callFromAction, formString, type FieldErrors } from '$lib/server/forms';
import { homeForRole, refreshTokenFrom, safeRedirectPath, startSession } from '$lib/server/session';
import { mergeShortlistOnSignIn } from '$lib/server/shortlist';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
  if (locals.user) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo'), homeForRole(locals.user.role)));
  return {};
}) satisfies PageServerLoad;

export const actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData();
    const values = { email: formString(form, 'email') };
    const password = formString(form, 'password', { trim: false });

    const errors: FieldErrors = {};
    if (!values.email) errors.email = 'Enter your email address';
    if (!password) errors.password = 'Enter your password';
    if (Object.keys(errors).length > 0) return fail(400, { values, errors });

    const call = await callFromAction(() => api.login({ email: values.email, password }), values);
    if (!call.ok) return call.failure;
    const result = call.value;

    if (!result.ok) {
      if (result.status === 401 || result.status === 404) {
        return fail(401, { values, errors: { email: 'Email or password is not right' } });
      }
      if (result.status === 429) {
        return fail(429, {
          values,
          errors: {
            form: 'You have tried to sign in too many times. Wait a few minutes, then try again.',
          },
        });
      }
      const fieldErrors = problemFormErrors(result.problem);
      return fail(result.status === 400 ? 400 : 422, { values, errors: fieldErrors });
    }

    startSession(cookies, url, result.data, refreshTokenFrom(result.headers));
    await mergeShortlistOnSignIn(cookies, url, result.data.accessToken);
    redirect(303, safeRedirectPath(url.searchParams.get('redirectTo'), homeForRole(result.data.user.role)));
  },
} satisfies Actions;
