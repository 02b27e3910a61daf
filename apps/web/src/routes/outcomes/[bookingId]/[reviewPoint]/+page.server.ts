// One outcomes questionnaire (a review point of a booking) for the person receiving care or their carer.
// Plain form fields, checked here first so a missed question is shown next to it; the API checks again and
// records the answers once (sending the same answers twice, e.g. a double click, is harmless).
import { error, fail, redirect } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import { readOutcomeAnswers } from '$lib/server/outcome-answers';
import { requireSignIn } from '$lib/server/access';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
  const accessToken = requireSignIn(locals, url);
  const result = await api.outcomeQuestionnaire(accessToken, params.bookingId, params.reviewPoint);
  if (!result.ok) {
    const status = result.status === 400 ? 404 : result.status;
    error(status, {
      message: status === 404 ? 'Questionnaire not found' : problemMessage(result.problem),
    });
  }
  return { questionnaire: result.data, sent: url.searchParams.get('sent') === '1' };
}) satisfies PageServerLoad;

export const actions = {
  default: async ({ locals, params, request, url }) => {
    const accessToken = requireSignIn(locals, url);
    const form = await request.formData();
    const asCarer = formString(form, 'respondent') === 'carer';
    const { values, errors, answers: body } = readOutcomeAnswers(form, asCarer);
    if (!body) return fail(400, { values, errors });

    const result = await api.answerQuestionnaire(accessToken, params.bookingId, params.reviewPoint, body);
    if (!result.ok) {
      return fail(result.status, { values, errors: { form: problemMessage(result.problem) } });
    }
    redirect(303, `${url.pathname}?sent=1`);
  },
} satisfies Actions;
