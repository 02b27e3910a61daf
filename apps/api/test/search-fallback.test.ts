// Search never goes dark: this file runs its own real Meilisearch, stops the process in the middle of the
// test, and checks that the API answers from Postgres (and says so), /ready reports degraded, changes made
// meanwhile wait in the outbox, and the index catches up when the same Meilisearch comes back.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueServiceSearchSync, services } from '@care-assist/db';
import type { SearchResponse } from '@care-assist/domain';
import {
  createMeiliSearchIndex,
  PRIMARY_RETRY_AFTER_MS,
  startEmbeddedMeilisearch,
  type EmbeddedMeilisearch,
} from '@care-assist/search';
import app, { fastifyOptions } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { makeOrganisation, makeService } from './helpers/factories.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.ts';

let meiliDir: string;
let meili: EmbeddedMeilisearch;
let database: TestDatabase;
let server: FastifyInstance;
const clock = { now: new Date() };

beforeAll(async () => {
  meiliDir = await mkdtemp(path.join(os.tmpdir(), 'care-assist-fallback-'));
  meili = await startEmbeddedMeilisearch({ dataDir: meiliDir });
  database = await createTestDatabase();
  const search = createMeiliSearchIndex({
    url: meili.url,
    apiKey: meili.apiKey,
    indexName: 'services',
    timeoutMs: 1500,
  });
  await search.init();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: meiliDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  server = Fastify(fastifyOptions(config));
  await server.register(app, { config, db: database.handle, search, clock: () => clock.now });
  await server.ready();

  const db = database.handle.db;
  const org = await makeOrganisation(db, { name: 'Dengie Care' });
  await makeService(db, { organisationId: org.id, name: 'Maldon Home Care', town: 'Maldon' });
  await makeService(db, { organisationId: org.id, name: 'Burnham Riverside Care Home', careTypes: ['care_home'] });
  await server.modules.directory.syncSearchIndex();
});
afterAll(async () => {
  await server?.close();
  await meili?.stop();
  await database?.drop();
  await rm(meiliDir, { recursive: true, force: true });
});

async function searchFor(q: string) {
  const res = await server.inject({ method: 'GET', url: `/api/v1/services?q=${encodeURIComponent(q)}` });
  expect(res.statusCode).toBe(200);
  return { backend: res.headers['x-search-backend'], names: res.json<SearchResponse>().items.map((i) => i.name) };
}

describe('when Meilisearch stops', () => {
  it('answers from Postgres, reports degraded, and catches up through the outbox when it returns', async () => {
    expect(await searchFor('Maldon')).toEqual({ backend: 'meilisearch', names: ['Maldon Home Care'] });
    expect((await server.inject({ method: 'GET', url: '/ready' })).json()).toMatchObject({ status: 'ready' });

    await meili.stop();

    // Same answer, from the other backend.
    expect(await searchFor('Maldon')).toEqual({ backend: 'postgres', names: ['Maldon Home Care'] });
    expect(await searchFor('Maldn')).toEqual({ backend: 'postgres', names: ['Maldon Home Care'] });
    const ready = await server.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'degraded',
      checks: { database: { ok: true }, search: { ok: false, backend: 'postgres' } },
    });

    // A listing changes while the index is down: Postgres answers with it at once; the outbox holds it.
    const db = database.handle.db;
    const [burnham] = await db.select().from(services).where(eq(services.name, 'Burnham Riverside Care Home'));
    await db.transaction(async (tx) => {
      await tx.update(services).set({ name: 'Burnham Quayside Care Home' }).where(eq(services.id, burnham!.id));
      await enqueueServiceSearchSync(tx, [burnham!.id]);
    });
    clock.now = new Date(Date.now() + 1000);
    expect(await server.modules.searchSync.drainOnce()).toEqual({ processed: 0, failed: 1 });
    expect(await searchFor('Quayside')).toEqual({ backend: 'postgres', names: ['Burnham Quayside Care Home'] });

    // The same Meilisearch comes back on the same data and address; it still has the old name. Until the
    // retry interval has passed, searches keep going straight to Postgres without trying Meilisearch.
    const url = new URL(meili.url);
    meili = await startEmbeddedMeilisearch({ dataDir: meiliDir, port: Number(url.port), apiKey: meili.apiKey });
    expect(await searchFor('Quayside')).toEqual({ backend: 'postgres', names: ['Burnham Quayside Care Home'] });
    clock.now = new Date(clock.now.getTime() + PRIMARY_RETRY_AFTER_MS);
    expect(await searchFor('Quayside')).toEqual({ backend: 'meilisearch', names: [] });

    // After the backoff the outbox drains and the index has caught up.
    clock.now = new Date(clock.now.getTime() + 60_000);
    expect(await server.modules.searchSync.drainAll()).toBe(1);
    expect(await searchFor('Quayside')).toEqual({ backend: 'meilisearch', names: ['Burnham Quayside Care Home'] });
    expect((await server.inject({ method: 'GET', url: '/ready' })).json()).toMatchObject({ status: 'ready' });
  });
});
