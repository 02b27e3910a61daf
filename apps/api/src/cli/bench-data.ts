// `npm run bench:data -- --services 50000 --reviews 1000000 --seed 42`: builds the England-scale benchmark data
// set in a database of its own (dropped and created again), then computes the rating aggregates and the search
// index with the project's own code, exactly as the running product would. Says how long each step took.
// `npm run bench` then runs against it (same --database-url and --data-dir).
import { parseArgs } from 'node:util';
import path from 'node:path';
import pg from 'pg';
import { SingleBar, Presets } from 'cli-progress';
import { DEMO_PASSWORD, createDb, hashPassword, migrate, searchOutbox } from '@care-assist/db';
import { isNull } from 'drizzle-orm';
import { createMeiliSearchIndex, startEmbeddedMeilisearch, toServiceDocument } from '@care-assist/search';
import { BENCH_DATA_DIR, BENCH_DATABASE_URL, BENCH_INDEX } from '../bench/defaults.ts';
import { benchSteps } from '../bench/generate.ts';
import { createRatingAggregator } from '../modules/ratings/aggregator.ts';
import { createRatingRepository } from '../modules/ratings/repository.ts';
import { createServiceRepository } from '../modules/services/repository.ts';

const HELP = `Usage: npm run bench:data -- [options]

Builds a reproducible England-scale data set for \`npm run bench\` in a database of its own.
The database is DROPPED and created again.

Options:
  --services <n>        services to create (default 50000)
  --reviews <n>         reviews to create, about (default 1000000)
  --reviewers <n>       reviewer accounts (default 50000)
  --seed <n>            the same seed makes the same data (default 42)
  --database-url <url>  the bench database (default ${BENCH_DATABASE_URL})
  --data-dir <dir>      where the bench's Meilisearch keeps its index (default ${BENCH_DATA_DIR})
  --skip-index          do not build the search index
  -h, --help            show this help`;

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive whole number, got "${value}"`);
    process.exit(2);
  }
  return n;
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      services: { type: 'string', default: '50000' },
      reviews: { type: 'string', default: '1000000' },
      reviewers: { type: 'string', default: '50000' },
      seed: { type: 'string', default: '42' },
      'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? BENCH_DATABASE_URL },
      'data-dir': { type: 'string', default: BENCH_DATA_DIR },
      'skip-index': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
} catch (error) {
  console.error(`${(error as Error).message}\n\n${HELP}`);
  process.exit(2);
}
const args = parsed.values;
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const services = positiveInt('services', args.services);
const reviews = positiveInt('reviews', args.reviews);
const reviewers = positiveInt('reviewers', args.reviewers);
const seed = positiveInt('seed', args.seed);
const databaseUrl = args['database-url'];
const dataDir = path.resolve(args['data-dir']);

const timings: { step: string; seconds: number; rows?: number }[] = [];
async function timed<T>(step: string, run: () => Promise<T>, rows?: (result: T) => number | undefined): Promise<T> {
  const started = performance.now();
  const result = await run();
  timings.push({ step, seconds: (performance.now() - started) / 1000, rows: rows?.(result) });
  return result;
}

const started = performance.now();
const target = new URL(databaseUrl);
const databaseName = decodeURIComponent(target.pathname.slice(1));
if (!/^[a-z0-9_]+$/i.test(databaseName)) {
  console.error(`bench:data: the database name "${databaseName}" must be letters, digits and _`);
  process.exit(2);
}
await timed('create database', async () => {
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${databaseName}" with (force)`);
    await client.query(`create database "${databaseName}"`);
  } finally {
    await client.end();
  }
});

const handle = await createDb({ databaseUrl, poolSize: 4 });
try {
  await timed('migrations', () => migrate(handle));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const steps = benchSteps({
    seed,
    services,
    reviews,
    reviewers,
    budgetHolders: Math.max(10, Math.round(services / 25)),
    searchEvents: Math.max(1000, services * 4),
    passwordHash,
  });

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const bar = new SingleBar(
    { format: 'Generating [{bar}] {value}/{total} steps | {step}', stream: process.stderr },
    Presets.shades_classic,
  );
  bar.start(steps.length, 0, { step: steps[0]!.name });
  try {
    for (const [i, step] of steps.entries()) {
      bar.update(i, { step: step.name });
      await timed(
        step.name,
        () => step.run(client),
        (rows) => rows,
      );
    }
    bar.update(steps.length, { step: 'done' });
  } finally {
    bar.stop();
    await client.end();
  }

  // The project's own code from here on: the ratings aggregator and the search documents.
  const aggregator = createRatingAggregator({
    db: handle.db,
    ratings: createRatingRepository(handle.db),
    clock: () => new Date(),
  });
  const ratingsBar = new SingleBar(
    { format: 'Ratings    [{bar}] {value}/{total} services', stream: process.stderr },
    Presets.shades_classic,
  );
  ratingsBar.start(services, 0);
  const rebuilt = await timed(
    'ratings (project code)',
    () =>
      aggregator.rebuildAll({
        apply: true,
        onProgress: (done, total) => {
          ratingsBar.setTotal(total);
          ratingsBar.update(done);
        },
      }),
    (r) => r.services,
  );
  ratingsBar.stop();

  if (!args['skip-index']) {
    const meili = await startEmbeddedMeilisearch({ dataDir, logLevel: 'WARN' });
    try {
      const index = createMeiliSearchIndex({ url: meili.url, apiKey: meili.apiKey, indexName: BENCH_INDEX });
      await index.init();
      const repository = createServiceRepository(handle.db);
      const total = await repository.countPublished();
      const indexBar = new SingleBar(
        { format: 'Indexing   [{bar}] {value}/{total} services', stream: process.stderr },
        Presets.shades_classic,
      );
      indexBar.start(total, 0);
      await timed(
        'search index (project code)',
        () =>
          index.reindex(
            (async function* () {
              for await (const batch of repository.publishedInBatches(1000)) yield batch.map(toServiceDocument);
            })(),
            (done) => indexBar.update(done),
          ),
        (n) => n,
      );
      indexBar.stop();
      // The full index already holds everything the rebuild queued.
      await handle.db.update(searchOutbox).set({ processedAt: new Date() }).where(isNull(searchOutbox.processedAt));
    } finally {
      await meili.stop();
    }
  }

  // The ratings pass rewrote every service_ratings row: vacuum and fresh statistics, as autovacuum would give a
  // live database, or the planner guesses from the empty rows it saw before.
  await timed('vacuum analyze', () => handle.query('vacuum analyze', []));

  const counts = await handle.query<{ name: string; n: string }>(
    `select 'services' as name, count(*)::text as n from services union all select 'reviews', count(*)::text from reviews
     union all select 'users', count(*)::text from users union all select 'organisations', count(*)::text from organisations
     union all select 'bookings', count(*)::text from bookings union all select 'search events', count(*)::text from search_events`,
    [],
  );
  console.log(`\nbench:data seed ${seed} into ${target.host}/${databaseName}, index in ${dataDir}`);
  console.log(counts.map((c) => `${c.name} ${Number(c.n).toLocaleString('en-GB')}`).join(', '));
  console.log(`${rebuilt.groups} rating groups\n`);
  console.log('step                              seconds      rows');
  for (const t of timings) {
    console.log(
      `${t.step.padEnd(32)} ${t.seconds.toFixed(1).padStart(8)} ${(t.rows?.toLocaleString('en-GB') ?? '').padStart(10)}`,
    );
  }
  console.log(`${'total'.padEnd(32)} ${((performance.now() - started) / 1000).toFixed(1).padStart(8)}`);
} finally {
  await handle.close();
}
