// Start-up without the bundled Meilisearch: the API must still come up, searching Postgres, and say why.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse } from '@care-assist/domain';
import app, { fastifyOptions } from '../src/app.ts';
import { bootstrap, type Runtime } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { makeOrganisation, makeService } from './helpers/factories.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.ts';

let dataDir: string;
let database: TestDatabase;
let runtime: Runtime | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'care-assist-boot-'));
  // A file where the Meilisearch binary's directory should be: the bundled binary cannot be installed.
  await writeFile(path.join(dataDir, 'bin'), 'not a directory');
  database = await createTestDatabase();
});
afterAll(async () => {
  await runtime?.close();
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('bootstrap when the bundled Meilisearch cannot start', () => {
  it('starts on the Postgres search fallback and logs why', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
    });
    const errors: string[] = [];
    const server = Fastify(fastifyOptions(config));
    // The server's own logger, except that errors are collected so the test can read them.
    const recordError = (_context: unknown, message: string) => void errors.push(message);
    const log = Object.assign(Object.create(server.log) as FastifyBaseLogger, {
      error: recordError as unknown as FastifyBaseLogger['error'],
    });
    runtime = await bootstrap(config, log);
    expect(runtime.search).toBeUndefined();
    expect(errors.join('\n')).toMatch(/could not start; search runs on the Postgres fallback/);

    const org = await makeOrganisation(runtime.db.db);
    await makeService(runtime.db.db, { organisationId: org.id, name: 'Tiptree Home Care' });
    await server.register(app, { config, db: runtime.db, search: runtime.search });
    const res = await server.inject({ method: 'GET', url: '/api/v1/services?q=Tiptree' });
    expect(res.headers['x-search-backend']).toBe('postgres');
    expect(res.json<SearchResponse>().items.map((i) => i.name)).toEqual(['Tiptree Home Care']);
    const ready = await server.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'degraded', checks: { search: { backend: 'postgres' } } });
    await server.close();
  });
});
