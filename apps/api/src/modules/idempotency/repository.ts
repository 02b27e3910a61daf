// Drizzle queries for idempotency keys. Every method takes the transaction of the work the key guards.
import { and, eq } from 'drizzle-orm';
import {
  idempotencyKeys,
  type Database,
  type Executor,
  type IdempotencyKeyRow,
  type NewIdempotencyKey,
} from '@care-assist/db';

export function createIdempotencyKeyRepository(db: Database) {
  return {
    /** Claims (user, key); undefined when it is already claimed (a concurrent claim waits on the unique index). */
    async claim(values: NewIdempotencyKey, tx: Executor = db): Promise<{ id: string } | undefined> {
      const [claimed] = await tx
        .insert(idempotencyKeys)
        .values(values)
        .onConflictDoNothing()
        .returning({ id: idempotencyKeys.id });
      return claimed;
    },

    async find(userId: string, key: string, tx: Executor = db): Promise<IdempotencyKeyRow | undefined> {
      const [row] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
      return row;
    },

    async storeAnswer(id: string, responseStatus: number, responseBody: unknown, tx: Executor = db): Promise<void> {
      await tx.update(idempotencyKeys).set({ responseStatus, responseBody }).where(eq(idempotencyKeys.id, id));
    },
  };
}
export type IdempotencyKeyRepository = ReturnType<typeof createIdempotencyKeyRepository>;
