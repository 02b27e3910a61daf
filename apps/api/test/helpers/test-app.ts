// Builds the real app (real Postgres, real Meilisearch) without listening; tests call app.inject().
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifySchema } from 'fastify';
import { inject } from 'vitest';
import type { UserRole } from '@care-assist/domain';
import { createMeiliSearchIndex, type SearchIndex } from '@care-assist/search';
import app, { fastifyOptions } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { startMailCatcher, type MailCatcher } from '../../src/modules/email/dev-catcher.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
}

export interface TestContext {
  app: FastifyInstance;
  /** Every route the app registered (not HEAD), in registration order. */
  routes: RegisteredRoute[];
  config: Config;
  database: TestDatabase;
  search: SearchIndex;
  /** The same in-process mail catcher `npm start` uses: tests read the real messages the e-mail worker sent. */
  mail: MailCatcher;
  /** Sends everything due in the e-mail outbox to the catcher; returns how many were sent. */
  deliverMail(): Promise<number>;
  /** Set `now` to freeze or move time; null follows the wall clock. */
  clock: { now: Date | null };
  close(): Promise<void>;
}

export async function buildTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'care-assist-api-'));
  const mail = await startMailCatcher();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    RATE_LIMIT_PER_MINUTE: '100000',
    REVIEW_RATE_LIMIT_PER_HOUR: '100000',
    NEW_ACCOUNT_REVIEWS_PER_NETWORK_PER_HOUR: '100000',
    // Tests rebuild the insight summaries themselves, when they mean to.
    INSIGHT_REFRESH_MINUTES: '0',
    SMTP_URL: mail.smtpUrl,
    ...env,
  });
  const database = await createTestDatabase();
  const search = createMeiliSearchIndex({
    url: inject('meiliUrl'),
    apiKey: inject('meiliKey'),
    indexName: `services_test_${randomBytes(5).toString('hex')}`,
  });
  await search.init();
  const clock: { now: Date | null } = { now: null };
  const server = Fastify(fastifyOptions(config));
  // Every route the app registers, for the authorisation matrix and the fuzz suite (HEAD mirrors GET).
  const routes: RegisteredRoute[] = [];
  server.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, schema: route.schema });
    }
  });
  await server.register(app, { config, db: database.handle, search, clock: () => clock.now ?? new Date() });
  await server.ready();
  return {
    app: server,
    routes,
    config,
    database,
    search,
    clock,
    mail,
    deliverMail: () => server.modules.email.drainAll(),
    async close() {
      await server.close();
      await mail.close();
      await database.drop();
    },
  };
}

/** Asserts the RFC 9457 shape every error must have, and returns the parsed body. */
export function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
) {
  if (response.statusCode !== status) {
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`);
  }
  const contentType = String(response.headers['content-type']);
  if (!contentType.startsWith('application/problem+json')) throw new Error(`not problem+json: ${contentType}`);
  const body = JSON.parse(response.body) as {
    type: string;
    title: string;
    status: number;
    detail?: string;
    errors?: { field: string; message: string }[];
  };
  if (body.status !== status || !body.title || !body.type) throw new Error(`malformed problem: ${response.body}`);
  return body;
}

/** A Bearer header for a user, signed by the app under test (what a login would hand out). */
export function bearer(ctx: TestContext, user: { id: string; role: UserRole }) {
  return { authorization: `Bearer ${ctx.app.jwt.sign({ sub: user.id, role: user.role })}` };
}
