// Brings up what the API depends on: the database (Postgres or embedded PGlite), migrations, demo data
// when asked, and the search engine (a configured Meilisearch, or the bundled binary spawned locally).
import type { FastifyBaseLogger } from 'fastify';
import { createDb, migrate, seedDemoData, type DbHandle } from '@care-assist/db';
import { createMeiliSearchIndex, startEmbeddedMeilisearch, type SearchIndex } from '@care-assist/search';
import type { Config } from './config.ts';

export interface Runtime {
  db: DbHandle;
  search: SearchIndex;
  close(): Promise<void>;
}

export async function bootstrap(config: Config, log: FastifyBaseLogger): Promise<Runtime> {
  const db = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  log.info(
    { driver: db.driver },
    db.driver === 'pg' ? 'connected to PostgreSQL' : 'using embedded PGlite under DATA_DIR',
  );
  await migrate(db);
  log.info('database migrations applied');

  if (config.seedDemoData) {
    const seeded = await seedDemoData(db);
    if (!seeded.skipped) log.info(seeded, 'seeded demo data into the empty database');
  }

  let stopMeili: (() => Promise<void>) | undefined;
  let meiliUrl: string = config.meili.url ?? '';
  let meiliKey = config.meili.masterKey;
  if (!config.meili.url) {
    const embedded = await startEmbeddedMeilisearch({ dataDir: config.dataDir });
    log.info({ url: embedded.url, pid: embedded.pid }, 'started the bundled Meilisearch');
    meiliUrl = embedded.url;
    meiliKey = embedded.apiKey;
    stopMeili = () => embedded.stop();
  }
  const search = createMeiliSearchIndex({ url: meiliUrl, apiKey: meiliKey, indexName: config.meili.indexName });
  await search.init();

  return {
    db,
    search,
    async close() {
      await stopMeili?.();
      await db.close();
    },
  };
}
