// Queries over the search outbox. Claiming uses FOR UPDATE SKIP LOCKED so several API processes can
// drain the same outbox without handing one row to two workers.
import { and, asc, inArray, isNull, lte, sql } from 'drizzle-orm';
import { searchOutbox, type Database, type Executor } from '@care-assist/db';

export type OutboxRow = typeof searchOutbox.$inferSelect;

export function createOutboxRepository(db: Database) {
  return {
    async claimBatch(now: Date, limit: number, tx: Executor): Promise<OutboxRow[]> {
      return tx
        .select()
        .from(searchOutbox)
        .where(and(isNull(searchOutbox.processedAt), lte(searchOutbox.availableAt, now)))
        .orderBy(asc(searchOutbox.id))
        .limit(limit)
        .for('update', { skipLocked: true });
    },

    async markProcessed(ids: number[], at: Date, tx: Executor): Promise<void> {
      if (ids.length === 0) return;
      await tx.update(searchOutbox).set({ processedAt: at }).where(inArray(searchOutbox.id, ids));
    },

    async markFailed(ids: number[], error: string, retryAt: (attempts: number) => Date, tx: Executor): Promise<void> {
      if (ids.length === 0) return;
      const rows = await tx
        .update(searchOutbox)
        .set({ attempts: sql`${searchOutbox.attempts} + 1`, lastError: error.slice(0, 2000) })
        .where(inArray(searchOutbox.id, ids))
        .returning({ id: searchOutbox.id, attempts: searchOutbox.attempts });
      for (const row of rows) {
        await tx
          .update(searchOutbox)
          .set({ availableAt: retryAt(row.attempts) })
          .where(sql`${searchOutbox.id} = ${row.id}`);
      }
    },

    async pendingCount(tx: Executor = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(searchOutbox)
        .where(isNull(searchOutbox.processedAt));
      return row?.n ?? 0;
    },
  };
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
