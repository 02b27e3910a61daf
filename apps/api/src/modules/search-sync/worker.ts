// Drains the search outbox into the search index. Rows are leased (see repository.ts), so no transaction is
// open while the index works; a row is marked processed only after the index accepted the write. If the index
// fails, the rows go back with an exponential backoff and the worker stops claiming until the index reports
// healthy again: an instance that cannot reach search must not take rows from instances that can.
// A commit that writes to the outbox NOTIFYs `search_outbox`; the API listens and drains at once, so a change
// reaches search in milliseconds. Polling stays as the safety net (retries after backoff, missed notifications).
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Database } from '@care-assist/db';
import { toServiceDocument, type SearchIndex } from '@care-assist/search';
import type { ServiceRepository } from '../services/repository.ts';
import { createDrainLoop } from '../drain-loop.ts';
import type { OutboxRepository } from './repository.ts';

interface WorkerDeps {
  db: Database;
  outbox: OutboxRepository;
  services: ServiceRepository;
  search: SearchIndex;
  clock: () => Date;
  /** Rows per batch when the outbox holds a few changes. */
  batchSize?: number;
  /** Rows per batch once a full batch shows there is a backlog (a bulk import, a search outage). */
  backlogBatchSize?: number;
  /** How long a claimed batch stays this worker's before another may take it. */
  leaseMs?: number;
  /** This worker's id in `lease_owner`; unique per process by default. */
  owner?: string;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/** 1 s, 2 s, 4 s ... capped at 5 minutes (repository.markFailed computes the same in SQL). */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
}

export function createSearchSyncWorker({
  db,
  outbox,
  services,
  search,
  clock,
  batchSize = 200,
  backlogBatchSize = 1000,
  leaseMs = 60_000,
  owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
}: WorkerDeps) {
  // Unknown until the first drain asks: an instance that starts without search must not take rows at all.
  let healthy = false;
  let backlog = false;

  /** Processes one batch. Returns how many outbox rows were handled (0 when idle, failed or paused). */
  async function drainOnce(): Promise<{ processed: number; failed: number }> {
    const limit = backlog ? backlogBatchSize : batchSize;
    const rows = await outbox.claimBatch({ owner, now: clock(), limit, leaseMs });
    backlog = rows.length === limit;
    if (rows.length === 0) return { processed: 0, failed: 0 };
    const ids = rows.map((r) => r.id);
    const serviceIds = [...new Set(rows.map((r) => r.aggregateId))];
    try {
      // Read the current state, not what it was when queued: the latest committed truth wins.
      const published = await services.findPublishedByIds(serviceIds, db);
      const publishedIds = new Set(published.map((r) => r.service.id));
      await search.upsert(published.map(toServiceDocument));
      await search.remove(serviceIds.filter((id) => !publishedIds.has(id)));
      const processed = await outbox.markProcessed(ids, owner, clock());
      return { processed, failed: 0 };
    } catch (error) {
      healthy = false;
      backlog = false;
      const message = error instanceof Error ? error.message : String(error);
      await outbox.markFailed(ids, owner, message, clock());
      return { processed: 0, failed: rows.length };
    }
  }

  /** Drains until the outbox has nothing ready, a batch fails, or the index is unhealthy. */
  async function drainAll(): Promise<number> {
    if (!healthy) {
      if (!(await search.health()).ok) return 0;
      healthy = true;
    }
    let total = 0;
    for (;;) {
      const { processed, failed } = await drainOnce();
      if (failed > 0 || processed === 0) return total;
      total += processed;
    }
  }

  const loop = createDrainLoop(drainAll);

  return {
    owner,
    drainOnce,
    drainAll,
    start: loop.start,
    wake: loop.wake,
    stop: loop.stop,
  };
}
export type SearchSyncWorker = ReturnType<typeof createSearchSyncWorker>;
