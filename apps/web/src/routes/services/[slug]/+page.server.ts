// A service page: everything a resident needs to judge one care service.
import { error } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { readWeeklyCost } from '$lib/weekly-cost-form';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, url }) => {
  const result = await api.getService(params.slug);
  if (result.ok) {
    return {
      service: result.data,
      weeklyCost: readWeeklyCost(url.searchParams, result.data.prices),
      shortlisted: url.searchParams.get('shortlisted') === '1',
    };
  }
  if (result.status === 404 || result.status === 400) {
    error(404, { message: 'Service not found', code: 'not_found' });
  }
  error(result.status, { message: result.problem.detail ?? result.problem.title });
}) satisfies PageServerLoad;
