// The outbox at scale: leases instead of open transactions, two workers sharing one outbox without doing a row
// twice, a dead worker's rows picked up when its lease runs out, no claiming while the index is unhealthy, and
// NOTIFY waking a worker at commit (surviving a dropped connection).
import { eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueServiceSearchSync, listenToChannel, searchOutbox } from '@care-assist/db';
import { createMeiliSearchIndex } from '@care-assist/search';
import { createOutboxRepository } from '../src/modules/search-sync/repository.ts';
import { createSearchSyncWorker } from '../src/modules/search-sync/worker.ts';
import { createServiceRepository } from '../src/modules/services/repository.ts';
import { makeOrganisation, makeService } from './helpers/factories.ts';
import { buildTestApp, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const db = () => ctx.database.handle.db;
const later = (ms: number) => new Date(Date.now() + ms);

function worker(owner: string, clock: () => Date, search = ctx.search) {
  return createSearchSyncWorker({
    db: db(),
    outbox: createOutboxRepository(db()),
    services: createServiceRepository(db()),
    search,
    clock,
    owner,
    batchSize: 20,
    backlogBatchSize: 50,
    leaseMs: 30_000,
  });
}

async function queueServices(count: number, prefix: string): Promise<string[]> {
  const org = await makeOrganisation(db());
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push((await makeService(db(), { organisationId: org.id, name: `${prefix} ${i}` })).id);
  }
  await db().transaction((tx) => enqueueServiceSearchSync(tx, ids));
  return ids;
}

async function rowsFor(ids: string[]) {
  return db().select().from(searchOutbox).where(inArray(searchOutbox.aggregateId, ids));
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('search outbox leases', () => {
  it('lets two workers drain one outbox together, each row processed by exactly one of them', async () => {
    // Leave nothing from other tests ready to claim.
    await db().update(searchOutbox).set({ processedAt: new Date() }).where(isNull(searchOutbox.processedAt));
    const ids = await queueServices(300, 'Shared Outbox Care');
    const now = () => later(1000);
    const a = worker('worker-a', now);
    const b = worker('worker-b', now);

    const [fromA, fromB] = await Promise.all([a.drainAll(), b.drainAll()]);

    expect(fromA + fromB).toBe(300);
    expect(fromA).toBeGreaterThan(0);
    expect(fromB).toBeGreaterThan(0);
    const rows = await rowsFor(ids);
    expect(rows.every((r) => r.processedAt !== null)).toBe(true);
    const owners = rows.map((r) => r.leaseOwner);
    expect(owners.filter((o) => o === 'worker-a')).toHaveLength(fromA);
    expect(owners.filter((o) => o === 'worker-b')).toHaveLength(fromB);
    const found = await ctx.search.search({ text: 'Shared Outbox Care', sort: 'relevance', offset: 0, limit: 1 });
    expect(found.total).toBe(300);
  });

  it("hands a dead worker's rows to another once its lease runs out, and the late owner cannot mark them", async () => {
    const ids = await queueServices(3, 'Leased Then Lost Care');
    const outbox = createOutboxRepository(db());
    const start = later(1000);
    // A worker claims the rows and dies before it marks them (nothing else happens under its name).
    const claimed = await outbox.claimBatch({ owner: 'dead-worker', now: start, limit: 1000, leaseMs: 30_000 });
    expect(claimed.map((r) => r.aggregateId)).toEqual(expect.arrayContaining(ids));

    // While the lease holds, nobody else takes them.
    const alive = worker('alive-worker', () => new Date(start.getTime() + 10_000));
    expect(await alive.drainAll()).toBe(0);

    // After it, they are taken and processed once.
    const after = worker('alive-worker', () => new Date(start.getTime() + 31_000));
    expect(await after.drainAll()).toBe(3);
    expect(
      await outbox.markProcessed(
        claimed.map((r) => r.id),
        'dead-worker',
        new Date(),
      ),
    ).toBe(0);
    const rows = await rowsFor(ids);
    expect(rows.map((r) => r.leaseOwner)).toEqual(['alive-worker', 'alive-worker', 'alive-worker']);
  });

  it('stops claiming while the index is unhealthy, so rows keep their attempts for a healthy worker', async () => {
    const ids = await queueServices(1, 'Unhealthy Pause Care');
    const clock = { now: later(1000) };
    const unreachable = createMeiliSearchIndex({ url: 'http://127.0.0.1:9', timeoutMs: 300 });
    const down = worker('down-worker', () => clock.now, unreachable);

    expect(await down.drainOnce()).toEqual({ processed: 0, failed: 1 });
    clock.now = new Date(clock.now.getTime() + 60_000); // well past the 1 s backoff
    expect(await down.drainAll()).toBe(0);
    const [row] = await rowsFor(ids);
    expect(row).toMatchObject({ attempts: 1, processedAt: null, leaseOwner: 'down-worker' });

    expect(await worker('up-worker', () => clock.now).drainAll()).toBeGreaterThanOrEqual(1);
    const [done] = await rowsFor(ids);
    expect(done!.processedAt).not.toBeNull();
  });

  it('drains at commit when NOTIFY wakes it, and keeps listening after its connection is terminated', async () => {
    const live = worker('listening-worker', () => new Date(Date.now() + 1000));
    // Poll once a minute: only the notification can make this fast. The waits below are far under that minute
    // but allow for Meilisearch itself: on a loaded machine one document's task took up to 5 s (the bench).
    live.start(60_000, () => {});
    const stop = await listenToChannel(ctx.database.handle.pool, {
      channel: 'search_outbox',
      onNotify: () => live.wake(),
    });
    try {
      const [first] = await queueServices(1, 'Woken At Commit Care');
      const processed = async () => (await rowsFor([first!]))[0]?.processedAt != null;
      expect(await waitFor(processed, 20_000)).toBe(true);

      // Drop every other connection of this database, the listener's included (as a restart or a DBA would).
      await db().execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query ilike 'LISTEN%'`,
      );
      const [second] = await queueServices(1, 'Woken After Reconnect Care');
      const processedSecond = async () => (await rowsFor([second!]))[0]?.processedAt != null;
      expect(await waitFor(processedSecond, 20_000)).toBe(true);
    } finally {
      await stop();
      await live.stop();
    }
  });
});

describe('search outbox rows', () => {
  it('records who processed each row', async () => {
    const ids = await queueServices(1, 'Owner Recorded Care');
    await ctx.app.modules.searchSync.drainAll();
    const [row] = await db().select().from(searchOutbox).where(eq(searchOutbox.aggregateId, ids[0]!));
    expect(row!.leaseOwner).toBe(ctx.app.modules.searchSync.owner);
  });
});
