// Drains the search outbox into the search index in batches. A row is marked processed only after the
// index accepted the write, inside the same transaction that claimed it; if the index is down the rows
// stay pending with an exponential backoff, so nothing is lost and the index catches up when it returns.
import type { Database } from '@care-assist/db';
import type { SearchIndex } from '@care-assist/search';
import { toServiceDocument } from '../services/documents.ts';
import type { ServiceRepository } from '../services/repository.ts';
import type { OutboxRepository } from './repository.ts';

interface WorkerDeps {
  db: Database;
  outbox: OutboxRepository;
  services: ServiceRepository;
  search: SearchIndex;
  clock: () => Date;
  batchSize?: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/** 1 s, 2 s, 4 s ... capped at 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
}

export function createSearchSyncWorker({ db, outbox, services, search, clock, batchSize = 200 }: WorkerDeps) {
  /** Processes one batch. Returns how many outbox rows were handled (0 when idle or failed). */
  async function drainOnce(): Promise<{ processed: number; failed: number }> {
    return db.transaction(async (tx) => {
      const rows = await outbox.claimBatch(clock(), batchSize, tx);
      if (rows.length === 0) return { processed: 0, failed: 0 };
      const ids = rows.map((r) => r.id);
      const serviceIds = [...new Set(rows.map((r) => r.aggregateId))];
      try {
        // Read the current state, not what it was when queued: the latest committed truth wins.
        const published = await services.findPublishedByIds(serviceIds, tx);
        const publishedIds = new Set(published.map((r) => r.service.id));
        await search.upsert(published.map(toServiceDocument));
        await search.remove(serviceIds.filter((id) => !publishedIds.has(id)));
        await outbox.markProcessed(ids, clock(), tx);
        return { processed: rows.length, failed: 0 };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await outbox.markFailed(ids, message, (attempts) => new Date(clock().getTime() + backoffMs(attempts)), tx);
        return { processed: 0, failed: rows.length };
      }
    });
  }

  /** Drains until the outbox has nothing ready (or a batch fails). */
  async function drainAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const { processed } = await drainOnce();
      if (processed === 0) return total;
      total += processed;
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  return {
    drainOnce,
    drainAll,
    /** Polls every intervalMs in the background (the API process runs this). */
    start(intervalMs: number, onError: (error: unknown) => void) {
      const tick = () => {
        running = drainAll()
          .catch(onError)
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, intervalMs);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
export type SearchSyncWorker = ReturnType<typeof createSearchSyncWorker>;
