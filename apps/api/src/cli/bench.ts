// `npm run bench`: Care Assist measured at the size of England, on the data set `npm run bench:data` builds.
// Starts the BUILT API (three processes: two on Meilisearch, one with Meilisearch unreachable so it answers from
// the Postgres fallback) and the built web app, as plain node, against the bench database and the bench's
// Meilisearch index; drives load over loopback with undici, every cell interleaved with the others so ratios share
// the machine's noise; prints a table with each target, and writes bench/results/<date>.json.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import pg from 'pg';
import { meiliSearchBody, startEmbeddedMeilisearch } from '@care-assist/search';
import { closePools, interleave, send, type Cell } from '../bench/load.ts';
import { SEARCH_MIX } from '../bench/mix.ts';
import { drainBacklog, outboxLag } from '../bench/outbox.ts';
import { freePort, startNode, watchPeakRss, type Started } from '../bench/processes.ts';
import { buildReport, printReport } from '../bench/report.ts';
import { benchMoney, benchPublish } from '../bench/writes.ts';
import { BENCH_DATA_DIR, BENCH_DATABASE_URL, BENCH_INDEX } from '../bench/defaults.ts';
import { CliError, oneLine, parseCliArgs, requireReadableFile, runCli } from './args.ts';

const USAGE = `
Usage: npm run bench -- [options]

Measures search, service pages, server-rendered pages, outbox lag, a full reindex, the ratings rebuild and
memory on the England-scale data set (make it first: npm run bench:data; build first: npm run build).

Options:
  --database-url <url>  the bench database (default ${BENCH_DATABASE_URL})
  --data-dir <dir>      where the bench's Meilisearch index lives (default ${BENCH_DATA_DIR})
  --duration <s>        seconds per cell per round (default 4)
  --rounds <n>          rounds of interleaved cells (default 2)
  --concurrency <n>     concurrent requests per cell (default 4)
  --skip-reindex        use the index as it is instead of timing a full reindex first (minutes at 50,000)
  --skip-rebuild        do not time ratings:rebuild at the end (minutes at 1,000,000 reviews)
  --out <dir>           where to write the results JSON (default bench/results)
  -h, --help            show this help
`;

const { values } = parseCliArgs({
  usage: USAGE,
  options: {
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? BENCH_DATABASE_URL },
    'data-dir': { type: 'string', default: BENCH_DATA_DIR },
    duration: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '4' },
    'skip-reindex': { type: 'boolean', default: false },
    'skip-rebuild': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results' },
  },
});

function positive(name: string): number {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`error: --${name} must be a positive whole number\n\n${USAGE.trim()}\n`);
    process.exit(2);
  }
  return n;
}
const durationMs = positive('duration') * 1000;
const rounds = positive('rounds');
const concurrency = positive('concurrency');
const databaseUrl = String(values['database-url']);
const dataDir = path.resolve(String(values['data-dir']));
const root = path.resolve(import.meta.dirname, '../../../..');
// The bench's own APIs on loopback; the bench signs its people's tokens with it.
const JWT_SECRET = 'bench-only-secret-'.padEnd(48, 'x');
const apiScript = path.join(root, 'apps/api/dist/server.js');
const webScript = path.join(root, 'apps/web/build/index.js');

await runCli('bench', async () => {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect().catch((error: unknown) => {
    throw new CliError(
      `cannot reach the bench database ${databaseUrl} (${oneLine(error)}); make it with npm run bench:data`,
    );
  });
  await requireReadableFile(apiScript).catch(() => {
    throw new CliError('the API is not built: run `npm run build` first');
  });
  await requireReadableFile(webScript).catch(() => {
    throw new CliError('the web app is not built: run `npm run build` first');
  });
  const started: Started[] = [];
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'care-assist-bench-'));
  const meili = await startEmbeddedMeilisearch({ dataDir, logLevel: 'WARN' });
  try {
    const [{ services, reviews }] = (
      await db.query<{ services: number; reviews: number }>(
        `select (select count(*) from services where status = 'published')::int as services,
                (select count(*) from reviews)::int as reviews`,
      )
    ).rows as [{ services: number; reviews: number }];
    if (services === 0) throw new CliError(`the bench database has no services; run npm run bench:data`);
    log(`${services} published services, ${reviews} reviews; ${os.cpus().length} CPUs, load ${load()}`);

    const webPort = await freePort();
    const webOrigin = `http://127.0.0.1:${webPort}`;
    const apiEnv = (name: string, meiliUrl: string): Record<string, string> => ({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      API_HOST: '127.0.0.1',
      DATA_DIR: path.join(scratch, name),
      DATABASE_URL: databaseUrl,
      MEILI_URL: meiliUrl,
      MEILI_MASTER_KEY: meili.apiKey,
      MEILI_INDEX: BENCH_INDEX,
      JWT_SECRET: JWT_SECRET,
      WEB_ORIGIN: webOrigin,
      // One address drives all the load: the limit is raised through configuration, as an operator would.
      RATE_LIMIT_PER_MINUTE: '100000000',
      OPEN_DATA_RATE_LIMIT_PER_MINUTE: '100000000',
      INSIGHT_REFRESH_MINUTES: '0',
    });
    const cliEnv = () => ({ ...apiEnv('cli', meili.url), DATA_DIR: path.join(scratch, 'cli') });
    let reindexSeconds: number | null = null;
    if (!values['skip-reindex']) {
      log('timing a full reindex (search:reindex, the built CLI)');
      reindexSeconds = await timeNode(path.join(root, 'apps/api/dist/reindex.js'), [], cliEnv());
    }
    const stats = await send(meili.url, {
      path: `/indexes/${BENCH_INDEX}/stats`,
      headers: { authorization: `Bearer ${meili.apiKey}` },
    });
    const indexed =
      stats.status === 200 ? (JSON.parse(stats.body) as { numberOfDocuments: number }).numberOfDocuments : 0;
    if (indexed < services) {
      throw new CliError(`the search index holds ${indexed} of ${services} services; run without --skip-reindex`);
    }
    const startApi = async (name: string, meiliUrl: string) => {
      const port = await freePort();
      const api = await startNode(
        name,
        apiScript,
        { ...apiEnv(name, meiliUrl), API_PORT: String(port) },
        port,
        '/health',
      );
      started.push(api);
      return api;
    };
    log('starting the API (x2 on Meilisearch, x1 on the Postgres fallback) and the web app');
    const api = await startApi('api', meili.url);
    const api2 = await startApi('api-2', meili.url);
    // Nothing listens on port 9: this API finds Meilisearch unreachable and answers every search from Postgres.
    const fallback = await startApi('api-fallback', 'http://127.0.0.1:9');
    const web = await startNode(
      'web',
      webScript,
      { PORT: String(webPort), HOST: '127.0.0.1', ORIGIN: webOrigin, API_URL: api.origin, BODY_SIZE_LIMIT: '6M' },
      webPort,
      '/',
    );
    started.push(web);

    // Whatever waits in the outbox (bench:data's own rebuild queues every service) is drained by the API
    // processes before anything is timed: a backlog draining under the load would skew every figure.
    const backlog = await drainBacklog(db, log);

    const { rows: slugs } = await db.query<{ slug: string; kind: string }>(
      `(select slug, 'typical' as kind from services s join service_ratings r on r.service_id = s.id
          where s.status = 'published' and r.review_count between 5 and 40 order by s.id limit 50)
       union all
       (select slug, 'most reviewed' from services s join service_ratings r on r.service_id = s.id
          where s.status = 'published' order by r.review_count desc limit 50)`,
    );
    const typical = slugs.filter((s) => s.kind === 'typical').map((s) => s.slug);
    const heavy = slugs.filter((s) => s.kind === 'most reviewed').map((s) => s.slug);

    const meiliHeaders = { authorization: `Bearer ${meili.apiKey}`, 'content-type': 'application/json' };
    const searchCells: Cell[] = SEARCH_MIX.flatMap((q) => [
      {
        name: `${q.name}: floor`,
        origin: meili.url,
        concurrency,
        request: () => ({
          path: `/indexes/${BENCH_INDEX}/search`,
          method: 'POST' as const,
          headers: meiliHeaders,
          body: JSON.stringify(meiliSearchBody(q.request)),
        }),
      },
      {
        name: `${q.name}: API`,
        origin: api.origin,
        concurrency,
        request: () => ({ path: `/api/v1/services?${q.query}` }),
      },
      {
        name: `${q.name}: fallback`,
        origin: fallback.origin,
        concurrency,
        request: () => ({ path: `/api/v1/services?${q.query}` }),
      },
    ]);
    // Each cell must answer correctly before it is timed.
    for (const cell of searchCells) {
      const req = cell.request(0);
      const res = await send([cell.origin].flat()[0]!, req);
      if (res.status !== 200) throw new CliError(`${cell.name} answered ${res.status}: ${res.body.slice(0, 200)}`);
    }
    const pick = (list: string[]) => (i: number) => list[i % list.length]!;
    const pageCells: Cell[] = [
      {
        name: 'service API, typical',
        origin: api.origin,
        concurrency,
        request: (i) => ({ path: `/api/v1/services/${pick(typical)(i)}` }),
      },
      {
        name: 'reviews API, typical',
        origin: api.origin,
        concurrency,
        request: (i) => ({ path: `/api/v1/services/${pick(typical)(i)}/reviews` }),
      },
      {
        name: 'reviews API, 50 most reviewed',
        origin: api.origin,
        concurrency,
        request: (i) => ({ path: `/api/v1/services/${pick(heavy)(i)}/reviews` }),
      },
      {
        name: 'SSR /search',
        origin: web.origin,
        concurrency,
        request: () => ({ path: '/search?postcode=CM1&care_type=home_care' }),
      },
      {
        name: 'SSR /services/:slug',
        origin: web.origin,
        concurrency,
        request: (i) => ({ path: `/services/${pick(typical)(i)}` }),
      },
      // One API process versus two behind the same load (twice the concurrency, so each has work to do).
      {
        name: 'search, 1 API process',
        origin: api.origin,
        concurrency: concurrency * 2,
        request: () => ({ path: '/api/v1/services?q=dementia&postcode=LS1' }),
      },
      {
        name: 'search, 2 API processes',
        origin: [api.origin, api2.origin],
        concurrency: concurrency * 2,
        request: () => ({ path: '/api/v1/services?q=dementia&postcode=LS1' }),
      },
    ];
    for (const cell of pageCells) {
      const res = await send([cell.origin].flat()[0]!, cell.request(0));
      if (res.status !== 200) throw new CliError(`${cell.name} answered ${res.status}: ${res.body.slice(0, 200)}`);
    }

    const cells = [...searchCells, ...pageCells];
    const bar = new SingleBar(
      { format: 'Load       [{bar}] {value}/{total} cells | ETA {eta_formatted}', stream: process.stderr },
      Presets.shades_classic,
    );
    bar.start(cells.length * rounds, 0);
    const rss = watchPeakRss({ api: api.child.pid, web: web.child.pid, meilisearch: meili.pid });
    const results = await interleave(cells, { rounds, durationMs, warmupMs: 500 }, () => bar.increment());
    const peakRss = rss.stop();
    bar.stop();

    log('measuring outbox lag (a committed change until Meilisearch has it)');
    const lag = await outboxLag(db, meili.url, meili.apiKey, typical.slice(0, 10));

    log('100 budget accepts, then 100 invoice payments, at once over two API processes');
    const money = await benchMoney(db, [api.origin, api2.origin], JWT_SECRET);
    log('publishing reviews in the largest rating group');
    const publish = await benchPublish(db, api.origin, JWT_SECRET);

    let rebuildSeconds: number | null = null;
    if (!values['skip-rebuild']) {
      for (const s of started) await s.stop();
      started.length = 0;
      log('timing ratings:rebuild (the built CLI) with nothing else running');
      rebuildSeconds = await timeNode(path.join(root, 'apps/api/dist/ratings-rebuild.js'), [], cliEnv());
    }

    const report = buildReport({
      settings: { durationMs, rounds, concurrency },
      money,
      publish,
      services,
      reviews,
      results,
      lag,
      backlog,
      reindexSeconds,
      rebuildSeconds,
      peakRss,
    });
    printReport(report);
    const outDir = path.resolve(String(values.out));
    await mkdir(outDir, { recursive: true });
    const file = path.join(outDir, `${new Date().toISOString().slice(0, 10)}.json`);
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`results written to ${path.relative(process.cwd(), file)}`);
    return 0;
  } finally {
    await closePools();
    for (const s of started) await s.stop();
    await meili.stop();
    await db.end();
    await rm(scratch, { recursive: true, force: true });
  }
});

function log(message: string) {
  process.stderr.write(`bench: ${message}\n`);
}

function load(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
}

async function timeNode(script: string, args: string[], env: Record<string, string>): Promise<number> {
  const { spawn } = await import('node:child_process');
  const startedAt = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', resolve);
  });
  if (code !== 0) throw new CliError(`${path.basename(script)} exited with ${code}`);
  return (performance.now() - startedAt) / 1000;
}
