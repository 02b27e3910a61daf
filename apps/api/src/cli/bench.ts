// `npm run bench`: search latency on the seeded demo data (the same seed always makes the same services).
// Measures the same query mix three ways: straight from Meilisearch (the floor), through the API answered by
// Meilisearch, and through the API answered by the Postgres fallback; prints p50/p95 and the ratios.
// Everything is throwaway: a temporary embedded PostgreSQL (or DATABASE_URL's, which must be empty) and Meilisearch.
import { rm } from 'node:fs/promises';
import os from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';
import { makeTempDataDir, migrate, openDatabase, seedDemoData } from '@care-assist/db';
import { locatePostcode } from '@care-assist/geo';
import {
  createMeiliSearchIndex,
  createPostgresSearchIndex,
  startEmbeddedMeilisearch,
  type SearchIndex,
  type SearchRequest,
} from '@care-assist/search';
import app, { fastifyOptions } from '../app.ts';
import { loadConfig } from '../config.ts';
import { NEUTRAL_RANKING_SCORE } from '../modules/services/documents.ts';
import { parseCliArgs } from './args.ts';

const USAGE = `
Usage: npm run bench [-- --help]

Search latency on the seeded demo data, measured three ways: Meilisearch direct, the API answered by
Meilisearch, and the API answered by the Postgres fallback. Everything runs in a throwaway folder.
Environment: BENCH_REQUESTS (default 400), BENCH_CONCURRENCY (default 4), DATABASE_URL (must be empty).
`;

parseCliArgs({ usage: USAGE });

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const WARMUP = 40;

function near(postcode: string, radiusKm = 15): SearchRequest['near'] {
  const located = locatePostcode(postcode);
  if (!located.ok) throw new Error(`bench: cannot locate ${postcode}`);
  return { latitude: located.location.latitude, longitude: located.location.longitude, radiusKm };
}

/** The same searches as an API query string and as the SearchRequest the API makes of it. */
const MIX: { query: string; request: SearchRequest }[] = [
  {
    query: 'postcode=CM1&care_type=home_care',
    request: { near: near('CM1'), careType: 'home_care', sort: 'distance', offset: 0, limit: 20 },
  },
  { query: 'q=dementia', request: { text: 'dementia', sort: 'relevance', offset: 0, limit: 20 } },
  { query: 'q=chelmsfrod', request: { text: 'chelmsfrod', sort: 'relevance', offset: 0, limit: 20 } },
  {
    query: 'postcode=CO1&radius_km=25&sort=rating',
    request: { near: near('CO1', 25), sort: 'rating', offset: 0, limit: 20 },
  },
  {
    query: 'postcode=IP1&funding=council_funded&vacancies=true',
    request: {
      near: near('IP1'),
      funding: 'council_funded',
      acceptingNewClients: true,
      sort: 'distance',
      offset: 0,
      limit: 20,
    },
  },
  {
    query: 'q=elderly%20care&postcode=SS1',
    request: { text: 'elderly care', near: near('SS1'), sort: 'relevance', offset: 0, limit: 20 },
  },
  {
    query: 'sort=price&price_unit=hour&page=2',
    request: { sort: 'price', priceUnit: 'hour', offset: 20, limit: 20 },
  },
  {
    query: 'postcode=CB1&specialism=dementia&min_rating=3',
    request: { near: near('CB1'), specialism: 'dementia', minRating: 3, sort: 'distance', offset: 0, limit: 20 },
  },
];

async function measure(label: string, run: (i: number) => Promise<void>) {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const start = performance.now();
        await run(i);
        times.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))]!;
  return { label, p50: at(0.5), p95: at(0.95), perSecond: REQUESTS / seconds };
}

async function listen(server: FastifyInstance): Promise<string> {
  await server.ready();
  return server.listen({ host: '127.0.0.1', port: 0 });
}

const workDir = await makeTempDataDir('care-assist-bench-');
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATA_DIR: workDir,
  JWT_SECRET: 'bench-'.padEnd(40, 'x'),
  RATE_LIMIT_PER_MINUTE: '100000000',
});
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: workDir });
const db = database.handle;
const meili = await startEmbeddedMeilisearch({ dataDir: workDir });
const servers: FastifyInstance[] = [];
try {
  await migrate(db);
  const seeded = await seedDemoData(db);
  if (seeded.skipped) throw new Error('bench: the database must be empty (it seeds the demo data)');
  const meiliIndex = createMeiliSearchIndex({ url: meili.url, apiKey: meili.apiKey, indexName: 'services_bench' });
  await meiliIndex.init();
  const postgresIndex = createPostgresSearchIndex({ query: db.query, neutralRankingScore: NEUTRAL_RANKING_SCORE });

  const apiOn = async (search: SearchIndex) => {
    const server = Fastify(fastifyOptions(config));
    await server.register(app, { config, db, search });
    servers.push(server);
    return { server, url: await listen(server) };
  };
  const viaMeili = await apiOn(meiliIndex);
  const indexed = await viaMeili.server.modules.directory.syncSearchIndex();
  const viaPostgres = await apiOn(postgresIndex);

  const get = (base: string) => async (i: number) => {
    const response = await fetch(`${base}/api/v1/services?${MIX[i % MIX.length]!.query}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`bench: ${response.status} for ${MIX[i % MIX.length]!.query}`);
  };
  const results = [
    await measure('Meilisearch direct (the floor)', async (i) => {
      await meiliIndex.search(MIX[i % MIX.length]!.request);
    }),
    await measure('API -> Meilisearch', get(viaMeili.url)),
    await measure('API -> Postgres fallback', get(viaPostgres.url)),
  ];

  const floor = results[0]!;
  console.log(
    `\n${indexed.count} services (demo seed, ${database.description}), ${REQUESTS} requests per row, concurrency ${CONCURRENCY}, ` +
      `${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}\n`,
  );
  console.log('what                              p50 ms   p95 ms   req/s   p95 vs floor');
  for (const row of results) {
    console.log(
      `${row.label.padEnd(32)} ${row.p50.toFixed(1).padStart(7)} ${row.p95.toFixed(1).padStart(8)} ` +
        `${row.perSecond.toFixed(0).padStart(7)} ${(row.p95 / floor.p95).toFixed(2).padStart(10)}x`,
    );
  }
} finally {
  for (const server of servers) await server.close();
  await meili.stop();
  await database.close();
  await rm(workDir, { recursive: true, force: true });
}
