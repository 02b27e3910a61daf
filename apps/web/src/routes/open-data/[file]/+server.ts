// The open data files at the web app's origin (/open-data/directory.csv...), passed through from the API with
// its ETag, Cache-Control and Content-Disposition, so a browser saves them under a clear name.
import { error } from '@sveltejs/kit';
import { OPEN_DATA_FILES } from '@care-assist/domain';
import { passThrough } from '$lib/server/public-data-proxy';
import type { RequestHandler } from './$types';

export const GET = (({ params, request }) => {
  if (!(OPEN_DATA_FILES as readonly string[]).includes(params.file)) error(404, { message: 'There is no such file' });
  return passThrough(`/api/v1/open-data/${params.file}`, request);
}) satisfies RequestHandler;
