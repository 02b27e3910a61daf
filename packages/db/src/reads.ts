// Independent reads a caller wants at once. On the pool they run side by side on separate connections; inside a
// transaction they share one connection, which runs one query at a time: queueing them there only earns pg's
// "client.query() when the client is already executing a query" deprecation (an error in pg@9), so run them in turn.
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

export async function readAll<T extends readonly unknown[]>(
  executor: Executor,
  reads: { [K in keyof T]: () => PromiseLike<T[K]> },
): Promise<T> {
  if (!(executor instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
