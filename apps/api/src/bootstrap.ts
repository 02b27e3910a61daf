// Brings up what the API depends on: the database (DATABASE_URL or the embedded PostgreSQL), migrations, demo data
// when asked, and the search engine (a configured Meilisearch, or the bundled binary spawned locally).
import type { FastifyBaseLogger } from 'fastify';
import { migrate, openDatabase, seedDemoData, type DbHandle } from '@care-assist/db';
import { createMeiliSearchIndex, startEmbeddedMeilisearch, type SearchIndex } from '@care-assist/search';
import type { Config } from './config.ts';

export interface Runtime {
  db: DbHandle;
  /** Meilisearch; undefined when none could start, and the app then searches Postgres. */
  search: SearchIndex | undefined;
  close(): Promise<void>;
}

export async function bootstrap(config: Config, log: FastifyBaseLogger): Promise<Runtime> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pgPort: config.pgPort,
    onLog: (line) => log.debug({ postgres: line }, 'postgres'),
  });
  const db = database.handle;
  log.info(`using ${database.description}`);
  await migrate(db);
  log.info('database migrations applied');

  if (config.seedDemoData) {
    const seeded = await seedDemoData(db);
    if (!seeded.skipped) log.info(seeded, 'seeded demo data into the empty database');
  }

  let stopMeili: (() => Promise<void>) | undefined;
  let meiliUrl: string = config.meili.url ?? '';
  let meiliKey = config.meili.apiKey;
  if (!config.meili.url) {
    try {
      const embedded = await startEmbeddedMeilisearch({ dataDir: config.dataDir });
      log.info({ url: embedded.url, pid: embedded.pid }, 'started the bundled Meilisearch');
      meiliUrl = embedded.url;
      meiliKey = embedded.apiKey;
      stopMeili = () => embedded.stop();
    } catch (err) {
      // Search must never go dark: without the bundled binary the API searches Postgres instead.
      log.error({ err }, 'the bundled Meilisearch could not start; search runs on the Postgres fallback');
      return {
        db,
        search: undefined,
        close: () => database.close(),
      };
    }
  }
  const search = createMeiliSearchIndex({ url: meiliUrl, apiKey: meiliKey, indexName: config.meili.indexName });
  try {
    await search.init();
  } catch (err) {
    // A configured Meilisearch that is down now may come back: searches fall back to Postgres meanwhile,
    // and the outbox and the start-up sync catch the index up.
    log.error({ err }, 'Meilisearch is not reachable; searching Postgres until it is');
  }

  return {
    db,
    search,
    async close() {
      await stopMeili?.();
      await database.close();
    },
  };
}
