// Reads the open data index (files, data dictionary, row counts, licence) from the API for the /open-data page.
import { error } from '@sveltejs/kit';
import type { OpenDataIndex } from '@care-assist/domain';
import { baseUrl, UNAVAILABLE_MESSAGE } from './api';
import { requestContext } from './request-context';

export async function openDataIndex(): Promise<OpenDataIndex> {
  const headers = new Headers({ accept: 'application/json' });
  const clientAddress = requestContext.getStore()?.clientAddress;
  if (clientAddress) headers.set('x-forwarded-for', clientAddress);
  try {
    const response = await fetch(`${baseUrl()}/api/v1/open-data/`, { headers, signal: AbortSignal.timeout(15_000) });
    if (response.ok) return (await response.json()) as OpenDataIndex;
    console.error(`API GET /api/v1/open-data/ answered ${response.status}`);
  } catch (cause) {
    console.error(`API GET /api/v1/open-data/ failed: ${String(cause)}`);
  }
  error(503, { message: UNAVAILABLE_MESSAGE, code: 'unavailable' });
}
