// The embedded path a newcomer gets from `npm start`: PGlite instead of a Postgres server, migrated,
// seeded with the demo data, indexed into the real Meilisearch, and used through the API.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb, DEMO_PASSWORD, DEMO_USERS, migrate, seedDemoData, type DbHandle } from '@care-assist/db';
import type { SearchResponse, ServiceDetail } from '@care-assist/domain';
import { createMeiliSearchIndex, createPostgresSearchIndex } from '@care-assist/search';
import app, { fastifyOptions } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

let server: FastifyInstance;
let handle: DbHandle;

beforeAll(async () => {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'care-assist-pglite-')),
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
  });
  handle = await createDb({ dataDir: config.dataDir });
  expect(handle.driver).toBe('pglite');
  await migrate(handle);
  const seeded = await seedDemoData(handle);
  expect(seeded.skipped).toBe(false);
  const search = createMeiliSearchIndex({
    url: inject('meiliUrl'),
    apiKey: inject('meiliKey'),
    indexName: `services_pglite_${randomBytes(4).toString('hex')}`,
  });
  await search.init();
  server = Fastify(fastifyOptions(config));
  await server.register(app, { config, db: handle, search });
  await server.ready();
  const sync = await server.modules.directory.syncSearchIndex();
  expect(sync.rebuilt).toBe(true);
});

afterAll(async () => {
  await server.close();
  await handle.close();
});

describe('the embedded PGlite database with demo data', () => {
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

  it('gives the same nearest-first answer from the Postgres fallback on PGlite (pg_trgm loaded)', async () => {
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
    // Typo tolerance through word_similarity() works on PGlite too.
    const typo = await fallback.search({ text: 'Chelmsfrod', sort: 'relevance', offset: 0, limit: 5 });
    expect(typo.total).toBeGreaterThan(0);
    // Every hit is about Chelmsford: its town, its name, or its provider's name (e.g. "Chelmsford Community Care
    // Association" runs services in Colchester).
    const aboutChelmsford = (h: { town: string; name: string; organisationName: string }) =>
      [h.town, h.name, h.organisationName].some((text) => text.includes('Chelmsford'));
    expect(typo.hits.filter((h) => !aboutChelmsford(h))).toEqual([]);
  });
});
