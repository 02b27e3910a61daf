// Search results: read the form from the address, ask the API, and show results or what to fix.
import { error } from '@sveltejs/kit';
import { SEARCH_LIMITS, parsePounds } from '@care-assist/domain';
import { api, problemFieldErrors, problemMessage } from '$lib/server/api';
import { readSearchForm, toApiQuery, webFieldFor, type SearchFormValues } from '$lib/search-form';
import type { PageServerLoad } from './$types';

export type SearchErrors = Partial<Record<keyof SearchFormValues, string>>;

const MAX_POUNDS = SEARCH_LIMITS.maxPricePence / 100;

/** Prices are typed in pounds; say what is wrong in those terms rather than in the API's (pence). */
function priceError(value: string, which: 'lowest' | 'highest'): string | null {
  if (!value) return null;
  const pence = parsePounds(value);
  if (pence === null) return `Enter a ${which} price in pounds, like 25 or 25.50`;
  if (pence > SEARCH_LIMITS.maxPricePence) return `Enter a ${which} price up to £${MAX_POUNDS.toLocaleString('en-GB')}`;
  return null;
}

export const load = (async ({ url, locals }) => {
  const form = readSearchForm(url.searchParams);

  const priceErrors: SearchErrors = {};
  const minError = priceError(form.price_min, 'lowest');
  const maxError = priceError(form.price_max, 'highest');
  if (minError) priceErrors.price_min = minError;
  if (maxError) priceErrors.price_max = maxError;
  if (minError || maxError) {
    locals.pageStatus = 400;
    const noGeneralErrors: string[] = [];
    return { form, results: null, errors: priceErrors, generalErrors: noGeneralErrors };
  }

  const result = await api.searchServices(toApiQuery(form));

  if (result.ok) {
    const noErrors: SearchErrors = {};
    const noGeneralErrors: string[] = [];
    return { form, results: result.data, errors: noErrors, generalErrors: noGeneralErrors };
  }
  if (result.status !== 400) {
    error(result.status, { message: problemMessage(result.problem) });
  }

  // A search we cannot run (e.g. an unknown postcode): show the form again with the reasons, as a 400.
  locals.pageStatus = 400;
  const errors: SearchErrors = {};
  const generalErrors: string[] = [];
  for (const [apiField, message] of Object.entries(problemFieldErrors(result.problem))) {
    const field = webFieldFor(apiField);
    if (field && field !== 'page') errors[field] ??= message;
    else generalErrors.push(message);
  }
  if (Object.keys(errors).length === 0 && generalErrors.length === 0) {
    generalErrors.push(problemMessage(result.problem));
  }
  return { form, results: null, errors, generalErrors };
}) satisfies PageServerLoad;
