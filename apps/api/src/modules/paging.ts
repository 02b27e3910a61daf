// Reads one page of a list and its total in one go, so every list the API answers can say how long it is
// (the envelope is PageSchema in @care-assist/domain). Inside a transaction the two reads run one after the
// other on its connection (readAll); otherwise side by side.
import { count, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { readAll, type Executor } from '@care-assist/db';
import { pageOf, type Page, type PageRequest } from '@care-assist/domain';

export async function readPage<T>(
  executor: Executor,
  request: PageRequest,
  read: { items: (slice: { limit: number; offset: number }) => PromiseLike<T[]>; total: () => PromiseLike<number> },
): Promise<Page<T>> {
  const [items, total] = await readAll(executor, [() => read.items(request), read.total] as const);
  return pageOf(items, total, request);
}

/** What readFilteredPage needs of a drizzle select (`tx.select(…).from(…)` with any joins, not yet filtered). */
interface FilterableSelect<T> {
  where(where: SQL | undefined): {
    orderBy(...order: (PgColumn | SQL)[]): { limit(limit: number): { offset(offset: number): PromiseLike<T[]> } };
  };
}

/**
 * The shape most lists share: the rows of `select` where `where` holds, in `orderBy` order (which ends in a
 * unique column, so pages never overlap), counted as the rows of `counted` where the same condition holds.
 */
export function readFilteredPage<T>(
  executor: Executor,
  request: PageRequest,
  list: { select: () => FilterableSelect<T>; where: SQL | undefined; orderBy: (PgColumn | SQL)[]; counted: PgTable },
): Promise<Page<T>> {
  return readPage(executor, request, {
    items: ({ limit, offset }) =>
      list
        .select()
        .where(list.where)
        .orderBy(...list.orderBy)
        .limit(limit)
        .offset(offset),
    total: () => countWhere(executor, list.counted, list.where),
  });
}

/** `select count(*) from table where …`, for the `total` of readPage when the list reads one table. */
export async function countWhere(executor: Executor, table: PgTable, where: SQL | undefined): Promise<number> {
  const [row] = await executor.select({ n: count() }).from(table).where(where);
  return row?.n ?? 0;
}
