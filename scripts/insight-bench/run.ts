// Times every insight endpoint on England-scale data (50,000 services, 1,000,000 reviews) built in a scratch
// database with generate_series (data.sql), through the real app (app.inject, so schema validation,
// authorisation and serialisation count). Usage: tsx scripts/insight-bench/run.ts [--database <url>] [--keep]
// Needs PostgreSQL; creates and (unless --keep) drops the database `care_assist_insight_bench`.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import pg from 'pg';
import { createDb, migrate } from '@care-assist/db';
import app, { fastifyOptions } from '../../apps/api/src/app.ts';
import { loadConfig } from '../../apps/api/src/config.ts';

const USAGE =
  'Usage: tsx scripts/insight-bench/run.ts [--server postgres://postgres@127.0.0.1:5432/postgres] [--keep] [--help]';
let args;
try {
  args = parseArgs({
    options: { server: { type: 'string' }, keep: { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const server = args.server ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'care_assist_insight_bench';
const admin = new pg.Client({ connectionString: server });
await admin.connect();
const databaseUrl = server.replace(/\/[^/]*$/, `/${NAME}`);
const exists = (await admin.query('select 1 from pg_database where datname = $1', [NAME])).rowCount;
const handle = async () => createDb({ databaseUrl });
if (!exists) {
  await admin.query(`create database ${NAME}`);
  const db = await handle();
  await migrate(db);
  const started = performance.now();
  process.stdout.write('building 50,000 services and 1,000,000 reviews... ');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(readFileSync(path.join(import.meta.dirname, 'data.sql'), 'utf8'));
  await client.end();
  console.log(`${Math.round((performance.now() - started) / 1000)} s`);
  await db.close();
}

const db = await handle();
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'insight-bench-')),
  INSIGHT_REFRESH_MINUTES: '0',
  RATE_LIMIT_PER_MINUTE: '100000',
  JWT_SECRET: 'x'.repeat(40),
});
const fastify = Fastify(fastifyOptions(config));
// Without a search engine the app searches Postgres.
await fastify.register(app, { config, db });
await fastify.ready();
const counts = await db.query<{ services: string; reviews: string }>(
  'select (select count(*) from services) as services, (select count(*) from reviews) as reviews',
  [],
);
console.log(`data: ${counts[0]!.services} services, ${counts[0]!.reviews} reviews`);
let t = performance.now();
const refresh = await fastify.modules.insight.refreshNow();
console.log(`refresh of the summaries: ${Math.round(performance.now() - t)} ms`, refresh.durationsMs);

const [adminUser] = await db.query<{ id: string }>("select id from users where role = 'admin' limit 1", []);
const [organisation] = await db.query<{ id: string }>('select id from organisations order by name limit 1', []);
await db.query(
  `insert into organisation_members (organisation_id, user_id, role) values ($1, $2, 'owner') on conflict do nothing`,
  [organisation!.id, adminUser!.id],
);
const headers = { authorization: `Bearer ${fastify.jwt.sign({ sub: adminUser!.id, role: 'admin' })}` };
const urls = [
  '/api/v1/insight/performance',
  '/api/v1/insight/performance?by=provider',
  '/api/v1/insight/performance?county=Essex&care_type=home_care',
  '/api/v1/insight/prices',
  '/api/v1/insight/prices?county=Kent&service=bench-service-42',
  '/api/v1/insight/market',
  '/api/v1/insight/market?sector=not_known',
  '/api/v1/insight/demand',
  '/api/v1/insight/demand?district=CM1',
  '/api/v1/insight/brokerage',
  '/api/v1/insight/performance/csv/services',
  `/api/v1/provider/insight?organisation_id=${organisation!.id}`,
];
console.log(
  '\nrequest                                                        median  max   (ms, 7 runs after 1 warm-up)',
);
for (const url of urls) {
  const times: number[] = [];
  for (let i = 0; i < 8; i += 1) {
    t = performance.now();
    const response = await fastify.inject({ method: 'GET', url, headers });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    if (i > 0) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${url.padEnd(62)} ${times[3]!.toFixed(0).padStart(6)} ${times[6]!.toFixed(0).padStart(5)}`);
}
await fastify.close();
await db.close();
if (!args.keep) await admin.query(`drop database ${NAME} with (force)`);
await admin.end();
