// Lists that are read whole and are short by nature (a person's organisations, a listing's photos, a shortlist,
// the council's staff, claims waiting for a decision) still answer in the common page envelope, so every list of
// the API is asked for and read the same way (`page`, `per_page`; `items`, `total`, `totalPages`).
import { pageOfAll, pageRequest, type Page } from '@care-assist/domain';

export async function pageOfList<T>(
  query: { page?: number | undefined; per_page?: number | undefined },
  read: () => Promise<T[]>,
  defaultPerPage?: number,
): Promise<Page<T>> {
  return pageOfAll(await read(), pageRequest(query, defaultPerPage));
}
