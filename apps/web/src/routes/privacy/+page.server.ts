// The privacy notice states the retention periods the API is actually configured with.
import { privacyFacts } from '$lib/server/account-api';
import type { PageServerLoad } from './$types';

export const load = (async () => {
  const result = await privacyFacts();
  return { facts: result.ok ? result.data : null };
}) satisfies PageServerLoad;
