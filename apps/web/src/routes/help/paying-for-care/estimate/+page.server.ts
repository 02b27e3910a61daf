// "Could the council help pay?": the answers are checked here and passed to the pure estimator in
// packages/domain. Nothing is stored or sent to the API; the answer goes back with the page and is forgotten.
import {
  ESTIMATE_CARE_TYPES,
  ESTIMATE_HOME_SITUATIONS,
  estimateCouncilHelp,
  parsePounds,
  type EstimateCareType,
  type EstimateHomeSituation,
} from '@care-assist/domain';
import { fail } from '@sveltejs/kit';
import { formStrings, type FieldErrors } from '$lib/server/forms';
import type { Actions } from './$types';

// No JavaScript on this page: everything on it works as plain HTML and forms, and a phone that hydrates nothing
// has nothing to block on (issue 14, Lighthouse on a phone).
export const csr = false;

const oneOf = <T extends string>(options: readonly T[], value: string): T | null =>
  (options as readonly string[]).includes(value) ? (value as T) : null;

export const actions = {
  default: async ({ request }) => {
    const form = await request.formData();
    const values = formStrings(form, ['capital', 'home', 'income', 'careType']);
    const errors: FieldErrors = {};
    const capitalPence = parsePounds(values.capital || '0');
    if (capitalPence === null) errors.capital = 'Enter your savings in pounds, like 12000 or 12,000.50';
    const home = oneOf<EstimateHomeSituation>(ESTIMATE_HOME_SITUATIONS, values.home);
    if (!home) errors.home = 'Say whether you own your home and who lives there';
    const weeklyIncomePence = parsePounds(values.income);
    if (weeklyIncomePence === null) errors.income = 'Enter your weekly income in pounds, like 250 or 250.40';
    const careType = oneOf<EstimateCareType>(ESTIMATE_CARE_TYPES, values.careType);
    if (!careType) errors.careType = 'Choose a care home or care at home';
    if (capitalPence === null || weeklyIncomePence === null || !home || !careType) {
      return fail(400, { values, errors, estimate: null });
    }
    return { values, errors, estimate: estimateCouncilHelp({ capitalPence, home, weeklyIncomePence, careType }) };
  },
} satisfies Actions;
