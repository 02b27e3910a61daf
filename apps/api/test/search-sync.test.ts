// The outbox keeps search in step with Postgres: changes are queued in the writing transaction and
// drained into the real Meilisearch; when the index cannot be reached the rows wait and are retried.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueServiceSearchSync, searchOutbox, services } from '@care-assist/db';
import { createMeiliSearchIndex } from '@care-assist/search';
import { createOutboxRepository } from '../src/modules/search-sync/repository.ts';
import { backoffMs, createSearchSyncWorker } from '../src/modules/search-sync/worker.ts';
import { createServiceRepository } from '../src/modules/services/repository.ts';
import { makeOrganisation, makeService } from './helpers/factories.ts';
import { buildTestApp, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const searchFor = async (q: string) =>
  (await ctx.search.search({ text: q, sort: 'relevance', offset: 0, limit: 10 })).hits.map((h) => h.name);

describe('search outbox worker', () => {
  it('publishes a queued change into the index, and removes a service that is no longer published', async () => {
    const db = ctx.database.handle.db;
    const org = await makeOrganisation(db);
    const service = await makeService(db, { organisationId: org.id, name: 'Blackwater Home Care' });
    await db.transaction((tx) => enqueueServiceSearchSync(tx, [service.id]));

    expect(await ctx.app.modules.searchSync.drainAll()).toBe(1);
    expect(await searchFor('Blackwater')).toEqual(['Blackwater Home Care']);

    await db.transaction(async (tx) => {
      await tx.update(services).set({ status: 'suspended' }).where(eq(services.id, service.id));
      await enqueueServiceSearchSync(tx, [service.id]);
    });
    await ctx.app.modules.searchSync.drainAll();
    expect(await searchFor('Blackwater')).toEqual([]);
  });

  it('keeps rows pending with a backoff while the index is unreachable, then catches up', async () => {
    const db = ctx.database.handle.db;
    const org = await makeOrganisation(db);
    const service = await makeService(db, { organisationId: org.id, name: 'Tendring Home Care' });
    await db.transaction((tx) => enqueueServiceSearchSync(tx, [service.id]));

    // A moment after the row was queued (its available_at is the database's now()).
    const clock = { now: new Date(Date.now() + 1000) };
    const deps = {
      db,
      outbox: createOutboxRepository(db),
      services: createServiceRepository(db),
      clock: () => clock.now,
    };
    // Nothing listens on port 9: the index is unreachable, as when Meilisearch is down.
    const down = createSearchSyncWorker({
      ...deps,
      search: createMeiliSearchIndex({ url: 'http://127.0.0.1:9', timeoutMs: 500 }),
    });
    expect(await down.drainOnce()).toEqual({ processed: 0, failed: 1 });
    const [pending] = await db.select().from(searchOutbox).where(eq(searchOutbox.aggregateId, service.id));
    expect(pending).toMatchObject({ attempts: 1, processedAt: null });
    expect(pending!.lastError).toBeTruthy();
    expect(pending!.availableAt.getTime()).toBe(clock.now.getTime() + backoffMs(1));

    // Before the backoff has passed the row is not retried, even by a healthy worker.
    const up = createSearchSyncWorker({ ...deps, search: ctx.search });
    expect(await up.drainOnce()).toEqual({ processed: 0, failed: 0 });

    clock.now = new Date(clock.now.getTime() + backoffMs(1));
    expect(await up.drainAll()).toBe(1);
    expect(await searchFor('Tendring')).toEqual(['Tendring Home Care']);
    expect(await deps.outbox.pendingCount()).toBe(0);
  });

  it('backs off exponentially up to five minutes', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30)).toBe(5 * 60_000);
  });
});
