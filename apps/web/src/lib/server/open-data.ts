// Reads the open data index (files, data dictionary, row counts, licence) from the API for the /open-data page.
import type { OpenDataIndex } from '@care-assist/domain';
import { api, unavailable } from './api';

export async function openDataIndex(): Promise<OpenDataIndex> {
  const result = await api.openDataIndex();
  if (result.ok) return result.data;
  console.error(`API GET /api/v1/open-data/ answered ${result.status}`);
  unavailable();
}
