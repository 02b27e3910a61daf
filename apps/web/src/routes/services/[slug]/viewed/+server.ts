// Counts one view of a listing reached by client-side navigation (the page calls this after it is shown, so
// hover preloads that were never clicked are not counted). Nothing about the visitor is passed on.
import { isLikelyBot } from '@care-assist/domain';
import { api } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request }) => {
  if (!isLikelyBot(request.headers.get('user-agent'))) await api.countServiceView(params.slug);
  return new Response(null, { status: 204 });
};
