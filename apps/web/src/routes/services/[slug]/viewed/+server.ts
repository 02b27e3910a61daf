// Counts one view of a listing reached by client-side navigation (the page calls this after it is shown, so
// hover preloads that were never clicked are not counted). The API counts each viewer once a day, knowing them
// only by a hash of their address and browser under a salt that lasts one day.
import { isLikelyBot } from '@care-assist/domain';
import { api } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request }) => {
  const agent = request.headers.get('user-agent');
  if (!isLikelyBot(agent)) await api.countServiceView(params.slug, agent);
  return new Response(null, { status: 204 });
};
