// Council staff: one piece of council-arranged care (not booked through Care Assist) and what is recorded about it,
// with forms to record what the person or their carer said at a review point and an admission to hospital or
// residential care. The same answers as the person's own questionnaire, checked the same way.
import { error, fail } from '@sveltejs/kit';
import { ADMISSION_KIND_CODES, type AdmissionKind } from '@care-assist/domain';
import { api, problemFormErrors, problemMessage } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import { requirePermission } from '$lib/server/access';
import { readOutcomeAnswers } from '$lib/server/outcome-answers';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
  const accessToken = requirePermission(locals, url, 'record_outcomes');
  const result = await api.carePackage(accessToken, params.id);
  if (!result.ok) {
    const status = result.status === 400 ? 404 : result.status;
    error(status, status === 404 ? 'Council-arranged care not found' : problemMessage(result.problem));
  }
  return { detail: result.data };
}) satisfies PageServerLoad;

export const actions = {
  answers: async ({ locals, params, request, url }) => {
    const accessToken = requirePermission(locals, url, 'record_outcomes');
    const form = await request.formData();
    const respondent = formString(form, 'respondent');
    const reviewPoint = formString(form, 'reviewPoint');
    const { values, errors, answers } = readOutcomeAnswers(form, respondent === 'carer', true);
    if (respondent !== 'person' && respondent !== 'carer') errors.respondent = 'Choose who answered';
    if (!reviewPoint) errors.reviewPoint = 'Choose the review point';
    const kept = { ...values, respondent, reviewPoint };
    if (!answers || Object.keys(errors).length > 0) return fail(400, { action: 'answers', values: kept, errors });
    const outcome = { reviewPoint, respondent: respondent as 'person' | 'carer', answers }; // checked above
    const result = await api.recordCarePackageOutcome(accessToken, params.id, outcome);
    if (!result.ok) {
      return fail(result.status, { action: 'answers', values: kept, errors: problemFormErrors(result.problem) });
    }
    return { action: 'answers', done: 'Answers recorded.' };
  },

  admission: async ({ locals, params, request, url }) => {
    const accessToken = requirePermission(locals, url, 'record_outcomes');
    const form = await request.formData();
    const values = { kind: formString(form, 'kind'), admittedOn: formString(form, 'admittedOn') };
    const errors: Record<string, string> = {};
    if (!ADMISSION_KIND_CODES.includes(values.kind as AdmissionKind)) errors.kind = 'Choose where they were admitted';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.admittedOn)) errors.admittedOn = 'Enter the date they were admitted';
    if (Object.keys(errors).length > 0) return fail(400, { action: 'admission', values, errors });
    const admission = { kind: values.kind as AdmissionKind, admittedOn: values.admittedOn };
    const result = await api.recordCarePackageAdmission(accessToken, params.id, admission);
    if (!result.ok) {
      return fail(result.status, { action: 'admission', values, errors: problemFormErrors(result.problem) });
    }
    return { action: 'admission', done: 'Admission recorded.' };
  },
} satisfies Actions;
