// `npm run bench:insight`: how long each council and provider insight request takes on a database made by
// `npm run bench:data` (DATABASE_URL). Rebuilds the insight summaries first (timed), then calls each view
// through the real app (app.inject, so routing, validation, authorisation and serialisation are included) a few
// times and prints the median and the slowest. Writes only the summaries, one admin user and recognitions.
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { openDatabase, users, organisationMembers } from '@care-assist/db';
import app, { fastifyOptions } from '../app.ts';
import { loadConfig } from '../config.ts';
import { CliError, parseCliArgs, runCli } from './args.ts';

const USAGE = `
Usage: DATABASE_URL=postgres://... npm run bench:insight [-- --runs N] [-- --skip-refresh]

Times every insight view (and provider insight) on a bench:data database. The target is 300 ms each.
`;

const { values } = parseCliArgs({
  usage: USAGE,
  options: { runs: { type: 'string' }, 'skip-refresh': { type: 'boolean' } },
});
const RUNS = Number(values.runs ?? 5);

await runCli('bench:insight', async () => {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new CliError('set DATABASE_URL to a bench:data database');
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    RATE_LIMIT_PER_MINUTE: '100000',
    INSIGHT_REFRESH_MINUTES: '0',
  });
  const database = await openDatabase({ databaseUrl, dataDir: config.dataDir, pgPort: config.pgPort });
  const db = database.handle;
  const server = Fastify(fastifyOptions(config));
  // Without a search engine the app searches Postgres, as the fallback does.
  await server.register(app, { config, db, clock: () => new Date() });
  await server.ready();
  try {
    const [admin] = await db.db
      .insert(users)
      .values({
        email: `bench-admin-${randomUUID()}@example.test`,
        passwordHash: 'not-a-real-hash',
        displayName: 'Bench admin',
        role: 'admin',
      })
      .returning();
    // The provider with the most services: the worst case for provider insight.
    const [biggest] = await db.query<{ organisation_id: string; n: number }>(
      'select organisation_id, count(*)::int as n from services group by 1 order by 2 desc limit 1',
      [],
    );
    const [provider] = await db.db
      .insert(users)
      .values({
        email: `bench-provider-${randomUUID()}@example.test`,
        passwordHash: 'not-a-real-hash',
        displayName: 'Bench provider',
        role: 'provider',
      })
      .returning();
    await db.db
      .insert(organisationMembers)
      .values({ organisationId: biggest!.organisation_id, userId: provider!.id, role: 'owner' });
    if (!values['skip-refresh']) {
      const started = performance.now();
      const refreshed = await server.modules.insight.refreshNow();
      console.log(
        `refresh: ${Math.round(performance.now() - started)} ms in all; ${JSON.stringify(refreshed.durationsMs)}`,
      );
      const awardStarted = performance.now();
      const awarded = await server.modules.recognitions.award(new Date().getUTCFullYear(), new Date());
      console.log(
        `highly rated: ${awarded.recognised} recognised in ${awarded.groups} groups, ${Math.round(performance.now() - awardStarted)} ms`,
      );
    }

    // Signed after the refresh, which can outlast an access token.
    const adminAuth = { authorization: `Bearer ${server.jwt.sign({ sub: admin!.id, role: 'admin' })}` };
    const providerAuth = { authorization: `Bearer ${server.jwt.sign({ sub: provider!.id, role: 'provider' })}` };
    const [county] = await db.query<{ county: string }>(
      'select county from services group by 1 order by count(*) desc limit 1',
      [],
    );
    const area = encodeURIComponent(county!.county);
    const requests: [string, string, Record<string, string>][] = [
      ['performance (services)', '/api/v1/insight/performance', adminAuth],
      ['performance (providers)', '/api/v1/insight/performance?by=provider', adminAuth],
      [
        'performance, one county, home care',
        `/api/v1/insight/performance?county=${area}&care_type=home_care`,
        adminAuth,
      ],
      ['prices', '/api/v1/insight/prices', adminAuth],
      ['prices, one county', `/api/v1/insight/prices?county=${area}`, adminAuth],
      ['market', '/api/v1/insight/market', adminAuth],
      ['demand', '/api/v1/insight/demand', adminAuth],
      ['brokerage', '/api/v1/insight/brokerage', adminAuth],
      ['outcomes', '/api/v1/insight/outcomes', adminAuth],
      [
        `provider insight (${biggest!.n} services)`,
        `/api/v1/provider/insight?organisation_id=${biggest!.organisation_id}`,
        providerAuth,
      ],
    ];
    console.log(`\n${'request'.padEnd(44)} ${'median ms'.padStart(10)} ${'max ms'.padStart(8)}`);
    for (const [name, url, headers] of requests) {
      const times: number[] = [];
      for (let run = 0; run < RUNS + 1; run++) {
        const started = performance.now();
        const response = await server.inject({ method: 'GET', url, headers });
        const took = performance.now() - started;
        if (response.statusCode !== 200) throw new CliError(`${url}: ${response.statusCode} ${response.body}`);
        if (run > 0) times.push(took); // the first call warms caches and prepared plans
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      console.log(
        `${name.padEnd(44)} ${median.toFixed(0).padStart(10)} ${times.at(-1)!.toFixed(0).padStart(8)}${median > 300 ? '  over 300 ms' : ''}`,
      );
    }
    await db.query('delete from organisation_members where user_id = $1', [provider!.id]);
    await db.query('delete from users where id = any($1::uuid[])', [[admin!.id, provider!.id]]);
    return 0;
  } finally {
    await server.close();
    await database.close();
  }
});
