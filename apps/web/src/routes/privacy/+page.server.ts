// The privacy notice states the retention periods the API is actually configured with.
import { api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load = (async () => {
  const result = await api.privacyFacts();
  return { facts: result.ok ? result.data : null };
}) satisfies PageServerLoad;
