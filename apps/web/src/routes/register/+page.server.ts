// Create an account, then sign straight in: the API answers a registration with a token pair.
import { fail, redirect } from '@sveltejs/kit';
import { PASSWORD_MIN_LENGTH } from '@care-assist/domain';
import { api, problemFormErrors } from '$lib/server/api';
import { callFromAction, formString, formStrings, type FieldErrors } from '$lib/server/forms';
import { refreshTokenFrom, safeRedirectPath, startSession } from '$lib/server/session';
import { mergeShortlistOnSignIn } from '$lib/server/shortlist';
import type { Actions, PageServerLoad } from './$types';

const ROLES = ['resident', 'provider'] as const;
type SelfServiceRole = (typeof ROLES)[number];

const isRole = (value: string): value is SelfServiceRole => (ROLES as readonly string[]).includes(value);

export const load = (({ locals, url }) => {
  if (locals.user) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
  return {};
}) satisfies PageServerLoad;

export const actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData();
    const values = formStrings(form, ['displayName', 'email', 'role']);
    const password = formString(form, 'password', { trim: false });

    const errors: FieldErrors = {};
    if (!values.displayName) errors.displayName = 'Enter your name';
    else if (values.displayName.length > 100) errors.displayName = 'Name must be 100 characters or fewer';
    if (!values.email) errors.email = 'Enter your email address';
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email))
      errors.email = 'Enter an email address in the correct format, like name@example.com';
    if (!password) errors.password = 'Enter a password';
    else if (password.length < PASSWORD_MIN_LENGTH)
      errors.password = `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
    if (!isRole(values.role)) errors.role = 'Select whether you are looking for care or you provide care';
    if (Object.keys(errors).length > 0) return fail(400, { values, errors });

    const role = values.role as SelfServiceRole;
    const call = await callFromAction(
      () => api.register({ displayName: values.displayName, email: values.email, password, role }),
      values,
    );
    if (!call.ok) return call.failure;
    const result = call.value;

    if (!result.ok) {
      if (result.status === 409) {
        return fail(409, {
          values,
          errors: { email: 'An account already exists with this email address. Sign in instead.' },
        });
      }
      const fieldErrors = problemFormErrors(result.problem);
      return fail(result.status === 429 ? 429 : 400, { values, errors: fieldErrors });
    }

    startSession(cookies, url, result.data, refreshTokenFrom(result.headers));
    await mergeShortlistOnSignIn(cookies, url, result.data.accessToken);
    // A new provider's first job is in the portal (claim a listing or register an organisation); residents came to find care.
    const home = result.data.user.role === 'provider' ? '/provider' : '/';
    redirect(303, safeRedirectPath(url.searchParams.get('redirectTo'), home));
  },
} satisfies Actions;
