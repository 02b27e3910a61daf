// Queries over the search outbox. Rows are claimed with a lease rather than inside an open transaction:
// one short UPDATE … FOR UPDATE SKIP LOCKED moves each claimed row's available_at to the end of the lease and
// stamps the claiming worker's id. The worker then talks to the search index with no transaction open, and
// marks the rows processed only while it still holds them (lease_owner is still its id). A worker that dies
// mid-batch simply lets its lease run out and another worker takes the rows: nothing is lost, and because a
// row is marked processed by exactly one owner, nothing is processed twice.
import { and, inArray, isNull, sql } from 'drizzle-orm';
import { searchOutbox, type Database, type Executor, type SearchOutboxRow } from '@care-assist/db';

export interface ClaimOptions {
  owner: string;
  now: Date;
  limit: number;
  leaseMs: number;
}

export function createOutboxRepository(db: Database) {
  return {
    async claimBatch({ owner, now, limit, leaseMs }: ClaimOptions, tx: Executor = db): Promise<SearchOutboxRow[]> {
      const leasedUntil = new Date(now.getTime() + leaseMs);
      const ready = tx
        .select({ id: searchOutbox.id })
        .from(searchOutbox)
        .where(and(isNull(searchOutbox.processedAt), sql`${searchOutbox.availableAt} <= ${now.toISOString()}`))
        .orderBy(searchOutbox.id)
        .limit(limit)
        .for('update', { skipLocked: true });
      return tx
        .update(searchOutbox)
        .set({ availableAt: leasedUntil, leaseOwner: owner })
        .where(inArray(searchOutbox.id, ready))
        .returning();
    },

    /** Marks the rows processed if this owner still holds them; returns how many it marked. */
    async markProcessed(ids: number[], owner: string, at: Date, tx: Executor = db): Promise<number> {
      if (ids.length === 0) return 0;
      const rows = await tx
        .update(searchOutbox)
        .set({ processedAt: at })
        .where(
          and(
            inArray(searchOutbox.id, ids),
            sql`${searchOutbox.leaseOwner} = ${owner}`,
            isNull(searchOutbox.processedAt),
          ),
        )
        .returning({ id: searchOutbox.id });
      return rows.length;
    },

    /**
     * Counts a failed attempt and makes the rows available again after the backoff (1 s, 2 s, 4 s … capped at
     * 5 minutes, the same curve as `backoffMs`), in one statement.
     */
    async markFailed(ids: number[], owner: string, error: string, now: Date, tx: Executor = db): Promise<void> {
      if (ids.length === 0) return;
      await tx
        .update(searchOutbox)
        .set({
          attempts: sql`${searchOutbox.attempts} + 1`,
          lastError: error.slice(0, 2000),
          availableAt: sql`${now.toISOString()}::timestamptz + make_interval(secs => least(300, power(2, ${searchOutbox.attempts})))`,
        })
        .where(and(inArray(searchOutbox.id, ids), sql`${searchOutbox.leaseOwner} = ${owner}`));
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
