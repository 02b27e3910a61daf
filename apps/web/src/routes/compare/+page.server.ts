// Compare up to four services side by side: `/compare?ids=<id>&ids=<id>` (or `ids=a,b`), with an optional
// `hours`/`nights`/`visits` need priced for every service.
import { api } from '$lib/server/api';
import { readWeeklyCost } from '$lib/weekly-cost-form';
import type { PageServerLoad } from './$types';

// No JavaScript on this page: everything on it works as plain HTML and forms, and a phone that hydrates nothing
// has nothing to block on (issue 14, Lighthouse on a phone).
export const csr = false;

const MAX_COMPARED = 4;

export const load = (async ({ url }) => {
  const ids = [
    ...new Set(
      url.searchParams
        .getAll('ids')
        .flatMap((value) => value.split(','))
        .map((id) => id.trim())
        .filter((id) => id.length > 0 && id.length <= 100),
    ),
  ];
  const tooMany = ids.length > MAX_COMPARED;
  const results = await Promise.all(ids.slice(0, MAX_COMPARED).map((id) => api.getService(id)));
  const services = results.flatMap((result) => (result.ok ? [result.data] : []));
  return {
    ids: ids.slice(0, MAX_COMPARED),
    tooMany,
    missing: results.length - services.length,
    services: services.map((service) => ({
      service,
      weeklyCost: readWeeklyCost(url.searchParams, service.prices),
    })),
    need: {
      hours: url.searchParams.get('hours') ?? '',
      nights: url.searchParams.get('nights') ?? '',
    },
  };
}) satisfies PageServerLoad;
