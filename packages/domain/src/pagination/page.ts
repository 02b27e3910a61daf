// One envelope for every list the API answers: `items`, `total`, `page`, `perPage`, `totalPages`, asked for with
// `page` and a bounded `per_page`. Nothing is cut off silently: a caller sees the total and walks the pages.
// (Open Referral UK and the open data downloads keep their own profile envelopes.)
import { Type, type Static, type TProperties, type TSchema } from 'typebox';

export const PAGE_LIMITS = {
  defaultPerPage: 20,
  maxPerPage: 100,
  /** Deep enough for any queue a person walks; an offset beyond it is a crawler, not a reader. */
  maxPage: 10_000,
} as const;

/** The `page` and `per_page` query parameters, to spread into a route's querystring schema. */
export const pageQueryProperties = (defaultPerPage: number = PAGE_LIMITS.defaultPerPage) => ({
  page: Type.Optional(
    Type.Integer({ minimum: 1, maximum: PAGE_LIMITS.maxPage, default: 1, description: 'Page number, from 1' }),
  ),
  per_page: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: PAGE_LIMITS.maxPerPage,
      default: defaultPerPage,
      description: `Items per page (at most ${PAGE_LIMITS.maxPerPage})`,
    }),
  ),
});

/** A querystring of only `page` and `per_page`. */
export const PageQuerySchema = Type.Object(pageQueryProperties(), { additionalProperties: false });
export type PageQuery = Static<typeof PageQuerySchema>;

/** The envelope around a list of `item`, with any extra top-level fields the list needs (e.g. unreadCount). */
export function PageSchema<Item extends TSchema, Extra extends TProperties = Record<never, never>>(
  item: Item,
  extra?: Extra,
) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ minimum: 0, description: 'Items in the whole list' }),
    page: Type.Integer({ minimum: 1 }),
    perPage: Type.Integer({ minimum: 1 }),
    totalPages: Type.Integer({ minimum: 0 }),
    ...((extra ?? {}) as Extra),
  });
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
}

/** Which slice of a list to read: what a repository needs (limit, offset) and what the envelope says. */
export interface PageRequest {
  page: number;
  perPage: number;
  limit: number;
  offset: number;
}

export function pageRequest(
  query: { page?: number | undefined; per_page?: number | undefined } = {},
  defaultPerPage: number = PAGE_LIMITS.defaultPerPage,
): PageRequest {
  const page = Math.min(Math.max(1, Math.trunc(query.page ?? 1)), PAGE_LIMITS.maxPage);
  const perPage = Math.min(Math.max(1, Math.trunc(query.per_page ?? defaultPerPage)), PAGE_LIMITS.maxPerPage);
  return { page, perPage, limit: perPage, offset: (page - 1) * perPage };
}

/** The envelope for one slice read with `request`, out of `total` items. */
export function pageOf<T>(items: T[], total: number, request: Pick<PageRequest, 'page' | 'perPage'>): Page<T> {
  return {
    items,
    total,
    page: request.page,
    perPage: request.perPage,
    totalPages: Math.ceil(total / request.perPage),
  };
}

/** The envelope for one slice of a list already in memory (short lists that are filtered after reading). */
export function pageOfAll<T>(all: T[], request: PageRequest): Page<T> {
  return pageOf(all.slice(request.offset, request.offset + request.limit), all.length, request);
}

/** Changes the items of a page (e.g. rows to API shapes) and keeps the counts. */
export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { ...page, items: page.items.map(map) };
}
