// Listing photos, passed through from the API so the browser only ever talks to the web app.
import { error } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import type { RequestHandler } from './$types';

// The API's generated names: a UUID and the extension its checked type gave it.
const PHOTO_FILE_NAME = /^[0-9a-f-]{36}\.(jpg|png|webp)$/;

export const GET = (async ({ params, locals }) => {
  if (!PHOTO_FILE_NAME.test(params.fileName)) error(404, { message: 'There is no such photo' });
  const result = await api.photo(params.fileName, locals.accessToken);
  const upstream = result.ok ? result.data : null;
  if (!upstream?.body) error(result.status === 404 ? 404 : 502, { message: 'There is no such photo' });
  const headers = new Headers({
    'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    // Names are never reused, so a public photo never changes; one of an unpublished listing is private (the API
    // says which).
    'cache-control': upstream.headers.get('cache-control') ?? 'private, no-store',
  });
  const length = upstream.headers.get('content-length');
  if (length) headers.set('content-length', length);
  return new Response(upstream.body, { status: 200, headers });
}) satisfies RequestHandler;
