// A booking's outcome records, each viewer seeing what the API lets them: the person their answers, hours and
// admissions (and a form to name their main unpaid carer); the carer their answers; the provider the hours it
// delivered (and a form to record a week); council staff everything (and a form to record an admission).
import { error, fail } from '@sveltejs/kit';
import type { AdmissionBody, Problem } from '@care-assist/domain';
import { api, problemFormErrors, problemMessage } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import { requireSignIn } from '$lib/server/access';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
  const accessToken = requireSignIn(locals, url);
  const result = await api.bookingOutcomes(accessToken, params.id);
  if (!result.ok) error(result.status === 400 ? 404 : result.status, problemMessage(result.problem));
  return { outcomes: result.data };
}) satisfies PageServerLoad;

function failed(action: string, values: Record<string, string>, problem: Problem, status: number) {
  return fail(status, { action, values, errors: problemFormErrors(problem) });
}

export const actions = {
  carer: async ({ locals, params, request, url }) => {
    const accessToken = requireSignIn(locals, url);
    const values = { email: formString(await request.formData(), 'email') };
    if (!values.email)
      return fail(400, { action: 'carer', values, errors: { email: "Enter your carer's email address" } });
    const result = await api.nameCarer(accessToken, params.id, values);
    if (!result.ok) return failed('carer', values, result.problem, result.status);
    return { action: 'carer', done: 'Your carer will be asked at the next review point.' };
  },

  hours: async ({ locals, params, request, url }) => {
    const accessToken = requireSignIn(locals, url);
    const form = await request.formData();
    const values = { weekStarting: formString(form, 'weekStarting'), hours: formString(form, 'hours') };
    const hours = /^\d{1,3}(\.\d{1,2})?$/.test(values.hours) ? Number(values.hours) : NaN;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.weekStarting))
      return fail(400, { action: 'hours', values, errors: { weekStarting: 'Enter the Monday the week starts on' } });
    if (Number.isNaN(hours))
      return fail(400, { action: 'hours', values, errors: { hours: 'Enter the hours delivered, like 7 or 6.5' } });
    const result = await api.recordDeliveredHours(accessToken, params.id, values.weekStarting, { hours });
    if (!result.ok) return failed('hours', values, result.problem, result.status);
    return { action: 'hours', done: `Recorded ${hours} hours for the week of ${values.weekStarting}.` };
  },

  admission: async ({ locals, params, request, url }) => {
    const accessToken = requireSignIn(locals, url);
    const form = await request.formData();
    const values = { kind: formString(form, 'kind'), admittedOn: formString(form, 'admittedOn') };
    // The API checks the kind and the date, and names the field it refuses.
    const result = await api.recordBookingAdmission(accessToken, params.id, values as AdmissionBody);
    if (!result.ok) return failed('admission', values, result.problem, result.status);
    return { action: 'admission', done: 'Admission recorded.' };
  },
} satisfies Actions;
