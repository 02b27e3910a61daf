// One outcomes questionnaire (a review point of a booking) for the person receiving care or their carer.
// Plain form fields, checked here first so a missed question is shown next to it; the API checks again and
// records the answers once (sending the same answers twice, e.g. a double click, is harmless).
import { error, fail, redirect } from '@sveltejs/kit';
import {
  PREFER_NOT_TO_SAY,
  QUALITY_OF_LIFE_DOMAIN_CODES,
  type OutcomeAnswers,
  type OutcomeQuestionnaire,
  type OutcomeReview,
} from '@care-assist/domain';
import { api, problemMessage } from '$lib/server/api';
import { formString, type FieldErrors } from '$lib/server/forms';
import { requireSignIn } from '$lib/server/access';
import type { Actions, PageServerLoad } from './$types';

const path = (params: { bookingId: string; reviewPoint: string }) =>
  `/bookings/${encodeURIComponent(params.bookingId)}/outcomes/${encodeURIComponent(params.reviewPoint)}`;

export const load = (async ({ locals, params, url }) => {
  const accessToken = requireSignIn(locals, url);
  const result = await api.call<OutcomeQuestionnaire>(path(params), { accessToken });
  if (!result.ok) {
    const status = result.status === 400 ? 404 : result.status;
    error(status, {
      message: status === 404 ? 'Questionnaire not found' : problemMessage(result.problem),
    });
  }
  return { questionnaire: result.data, sent: url.searchParams.get('sent') === '1' };
}) satisfies PageServerLoad;

/** "0".."max" as a number, "prefer_not_to_say" as itself (when allowed), anything else undefined. */
function readChoice(value: string, max: number, preferNotToSay: boolean) {
  if (preferNotToSay && value === PREFER_NOT_TO_SAY) return PREFER_NOT_TO_SAY;
  return new RegExp(`^[0-${max}]$`).test(value) ? Number(value) : undefined;
}

export const actions = {
  default: async ({ locals, params, request, url }) => {
    const accessToken = requireSignIn(locals, url);
    const form = await request.formData();
    const asCarer = formString(form, 'respondent') === 'carer';
    const names = ['satisfaction', ...QUALITY_OF_LIFE_DOMAIN_CODES, 'carerSatisfaction', 'carerStrain'];
    const values = Object.fromEntries(names.map((name) => [name, formString(form, name)]));
    const errors: FieldErrors = {};

    const satisfaction = readChoice(values.satisfaction ?? '', 5, false);
    if (!satisfaction) errors.satisfaction = 'Choose how satisfied you are with the care';
    const qualityOfLife: Record<string, number | typeof PREFER_NOT_TO_SAY> = {};
    for (const domain of QUALITY_OF_LIFE_DOMAIN_CODES) {
      const choice = readChoice(values[domain] ?? '', 3, true);
      if (choice === undefined) errors[domain] = 'Choose an answer, or "Prefer not to say"';
      else qualityOfLife[domain] = choice;
    }
    const carerSatisfaction = readChoice(values.carerSatisfaction ?? '', 5, false);
    const carerStrain = readChoice(values.carerStrain ?? '', 2, true);
    if (asCarer && !carerSatisfaction) errors.carerSatisfaction = 'Choose how satisfied you are with support for you';
    if (asCarer && carerStrain === undefined) errors.carerStrain = 'Choose an answer, or "Prefer not to say"';
    if (Object.keys(errors).length > 0) return fail(400, { values, errors });

    const body = {
      satisfaction,
      qualityOfLife,
      ...(asCarer ? { carerSatisfaction, carerStrain } : {}),
    } as OutcomeAnswers;
    const result = await api.call<OutcomeReview>(path(params), { method: 'POST', body, accessToken });
    if (!result.ok) {
      return fail(result.status, { values, errors: { form: problemMessage(result.problem) } });
    }
    redirect(303, `${url.pathname}?sent=1`);
  },
} satisfies Actions;
