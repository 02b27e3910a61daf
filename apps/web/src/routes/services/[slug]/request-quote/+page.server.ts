// Ask a published service for a quote: what care, how much, from when, for how long, and any notes.
import { error, fail, redirect } from '@sveltejs/kit';
import type { RequestQuote } from '@care-assist/domain';
import { api } from '$lib/server/api';
import { formStrings, type FieldErrors } from '$lib/server/forms';
import { requireSignIn } from '$lib/server/access';
import { submit } from '$lib/server/money';
import type { Actions, PageServerLoad } from './$types';

// No JavaScript on this page: everything on it works as plain HTML and forms, and a phone that hydrates nothing
// has nothing to block on (issue 14, Lighthouse on a phone).
export const csr = false;

export const load = (async ({ locals, params, url }) => {
  requireSignIn(locals, url.pathname);
  const result = await api.getService(params.slug);
  if (!result.ok) error(404, 'There is no published care service at this address.');
  return { service: result.data, canRequest: locals.user?.role === 'resident' };
}) satisfies PageServerLoad;

const WHOLE = /^\d+$/;

export const actions = {
  default: async ({ locals, params, request }) => {
    requireSignIn(locals, `/services/${params.slug}/request-quote`);
    const service = await api.getService(params.slug);
    if (!service.ok) error(404, 'There is no published care service at this address.');
    const form = await request.formData();
    const values = formStrings(form, ['careType', 'hoursPerWeek', 'startDate', 'durationWeeks', 'notes']);
    const errors: FieldErrors = {};
    if (!values.careType) errors.careType = 'Choose the kind of care';
    if (values.hoursPerWeek && !WHOLE.test(values.hoursPerWeek)) errors.hoursPerWeek = 'Enter whole hours, like 10';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.startDate)) errors.startDate = 'Enter the date care should start';
    if (!WHOLE.test(values.durationWeeks)) errors.durationWeeks = 'Enter the number of weeks, like 12';
    if (Object.keys(errors).length > 0) return fail(400, { values, errors });

    const quoteRequest = {
      serviceId: service.data.id,
      // The API refuses a kind of care the service does not give, with the reason beside the form.
      careType: values.careType as RequestQuote['careType'],
      ...(values.hoursPerWeek ? { hoursPerWeek: Number(values.hoursPerWeek) } : {}),
      startDate: values.startDate,
      durationWeeks: Number(values.durationWeeks),
      notes: values.notes,
    };
    const result = await submit(form, () => api.requestQuote(locals.accessToken, quoteRequest), {
      action: 'request',
      values,
    });
    if (!result.ok) return result.failure;
    redirect(303, `/bookings/${result.data.id}?sent=1`);
  },
} satisfies Actions;
