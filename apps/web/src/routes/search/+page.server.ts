// Search results: read the form from the address, ask the API, and show results or what to fix.
import { error } from '@sveltejs/kit';
import { api, problemFieldErrors } from '$lib/server/api';
import { readSearchForm, toApiQuery, webFieldFor, type SearchFormValues } from '$lib/search-form';
import type { PageServerLoad } from './$types';

export type SearchErrors = Partial<Record<keyof SearchFormValues, string>>;

export const load = (async ({ url, locals }) => {
  const form = readSearchForm(url.searchParams);
  const result = await api.searchServices(toApiQuery(form));

  if (result.ok) {
    const noErrors: SearchErrors = {};
    const noGeneralErrors: string[] = [];
    return { form, results: result.data, errors: noErrors, generalErrors: noGeneralErrors };
  }
  if (result.status !== 400) {
    error(result.status, { message: result.problem.detail ?? result.problem.title });
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
    generalErrors.push(result.problem.detail ?? result.problem.title);
  }
  return { form, results: null, errors, generalErrors };
}) satisfies PageServerLoad;
