// Issue 13 #1: PostgreSQL terminating every connection of the API while it is busy (a failover, an operator's
// pg_terminate_backend, a restart) must cost only the requests that were on those connections: they answer
// 503 problem+json, the pool reconnects, and the process keeps serving. Before the fix the process exited
// ("closing after an error: terminating connection due to administrator command").
// This runs the real server (src/server.ts under tsx) as a child process, because what failed was the process.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSigner } from 'fast-jwt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { users } from '@care-assist/db';
import { makeOrganisation, makeService } from './helpers/factories.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const JWT_SECRET = randomBytes(32).toString('hex');

let database: TestDatabase;
let dataDir: string;
let server: ChildProcess;
let base: string;
let output = '';
let exitCode: number | null | undefined;
let adminToken: string;
let budgetId: string;
const serviceIds: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForReady(deadline: number) {
  for (;;) {
    if (exitCode !== undefined) throw new Error(`the API exited (${exitCode}) before it was ready:\n${output}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the API did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.handle.db;
  const organisation = await makeOrganisation(db);
  for (let i = 0; i < 5; i++) {
    serviceIds.push((await makeService(db, { organisationId: organisation.id, status: 'published' })).id);
  }
  const [resident] = await db
    .insert(users)
    .values({ email: `res-${randomUUID()}@example.test`, passwordHash: 'x', displayName: 'Rae', role: 'resident' })
    .returning();
  const [admin] = await db
    .insert(users)
    .values({ email: `adm-${randomUUID()}@example.test`, passwordHash: 'x', displayName: 'Ada', role: 'admin' })
    .returning();
  const sign = createSigner({ key: JWT_SECRET, algorithm: 'HS256', expiresIn: 3_600_000 });
  adminToken = sign({ sub: admin!.id, role: 'admin' });

  dataDir = await mkdtemp(path.join(os.tmpdir(), 'care-assist-dbloss-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      MEILI_URL: inject('meiliUrl'),
      MEILI_MASTER_KEY: inject('meiliKey'),
      MEILI_INDEX: `services_dbloss_${randomBytes(4).toString('hex')}`,
      JWT_SECRET,
      RATE_LIMIT_PER_MINUTE: '1000000',
      INSIGHT_REFRESH_MINUTES: '0',
    },
  });
  server.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  server.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  server.on('exit', (code) => (exitCode = code));
  // tsx compiles the whole API on start; on a busy two-core machine that has taken over 90 seconds.
  await waitForReady(Date.now() + 180_000);

  const opened = await api('POST', '/api/v1/budgets', adminToken, {
    holderEmail: resident!.email,
    councilReference: 'ECC-DBLOSS-1',
    startsOn: '2026-04-01',
    endsOn: '2027-03-31',
    allocatedPence: 1_000_000,
  });
  expect(opened.status, await opened.clone().text()).toBe(201);
  budgetId = ((await opened.json()) as { id: string }).id;
}, 240_000);

afterAll(async () => {
  if (server && exitCode === undefined) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (exitCode === undefined) server.kill('SIGKILL');
  }
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function api(method: string, url: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST') headers['idempotency-key'] = randomUUID();
  return fetch(`${base}${url}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

interface Outcome {
  status: number;
  contentType: string;
  body: string;
}

/** One client of the load: reads services and writes budget entries until told to stop. */
async function client(n: number, stop: { now: boolean }, outcomes: Outcome[]) {
  for (let i = 0; !stop.now; i++) {
    let response: Response;
    try {
      if ((i + n) % 3 === 0) {
        response = await api('POST', `/api/v1/budgets/${budgetId}/entries`, adminToken, {
          kind: 'adjustment',
          amountPence: i % 2 ? 1 : -1,
          reason: 'Load test adjustment',
        });
      } else if ((i + n) % 3 === 1) {
        response = await api('GET', `/api/v1/services/${serviceIds[i % serviceIds.length]}`);
      } else {
        response = await api('GET', `/api/v1/budgets/${budgetId}`, adminToken);
      }
    } catch (error) {
      outcomes.push({ status: 0, contentType: '', body: String(error) });
      return;
    }
    outcomes.push({
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
    });
  }
}

async function terminateApiConnections(): Promise<number> {
  const admin = new pg.Client({ connectionString: inject('databaseAdminUrl') });
  await admin.connect();
  try {
    const name = new URL(database.url).pathname.slice(1);
    const result = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    return result.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe('PostgreSQL drops the connections of a busy API', () => {
  it('answers 503 problem+json for the requests it lost, reconnects and keeps serving', async () => {
    const stop = { now: false };
    const outcomes: Outcome[] = [];
    const clients = Array.from({ length: 6 }, (_, n) => client(n, stop, outcomes));

    let terminated = 0;
    for (let round = 0; round < 4; round++) {
      await new Promise((r) => setTimeout(r, 700));
      // Database helpers (the test's own pool) are terminated too; that pool has an error handler.
      terminated += await terminateApiConnections();
    }
    await new Promise((r) => setTimeout(r, 1_500));
    stop.now = true;
    await Promise.all(clients);

    expect(terminated).toBeGreaterThan(0);
    expect(exitCode, `the API exited:\n${output}`).toBeUndefined();
    const unexpected = outcomes.filter((o) => !(o.status >= 200 && o.status < 300) && o.status !== 503);
    expect(unexpected, JSON.stringify(unexpected.slice(0, 3))).toEqual([]);
    for (const lost of outcomes.filter((o) => o.status === 503)) {
      expect(lost.contentType).toMatch(/^application\/problem\+json/);
      expect(lost.body).not.toMatch(/terminating connection|administrator command|\bat .+\.ts:\d+/);
    }
    expect(outcomes.filter((o) => o.status >= 200 && o.status < 300).length).toBeGreaterThan(20);

    // Recovered: every kind of request works again once the storm is over.
    expect((await api('GET', `/api/v1/services/${serviceIds[0]}`)).status).toBe(200);
    expect((await api('GET', `/api/v1/budgets/${budgetId}`, adminToken)).status).toBe(200);
    const write = await api('POST', `/api/v1/budgets/${budgetId}/entries`, adminToken, {
      kind: 'allocation',
      amountPence: 100,
      reason: 'After the storm',
    });
    expect(write.status).toBe(201);
    expect(exitCode).toBeUndefined();
    expect(output).not.toContain('client.query() when the client is already executing a query');
  });
});
