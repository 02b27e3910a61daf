// "Download your data": the API's JSON export, handed to the browser as a file.
import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/access';
import { problemMessage } from '$lib/server/api';
import { api } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
  const { accessToken } = requireUser(locals, '/account');
  const result = await api.myData(accessToken);
  if (!result.ok) error(result.status, { message: problemMessage(result.problem) });
  return new Response(JSON.stringify(result.data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="care-assist-my-data-${result.data.generatedAt.slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    },
  });
};
