// `npm run search:reindex`: rebuilds the search index from Postgres into a new index and swaps it in.
import { migrate, openDatabase } from '@care-assist/db';
import { createMeiliSearchIndex, startEmbeddedMeilisearch } from '@care-assist/search';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../config.ts';
import { toServiceDocument } from '../modules/services/documents.ts';
import { createServiceRepository } from '../modules/services/repository.ts';

const config = loadConfig(process.env);
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  pgPort: config.pgPort,
});
const db = database.handle;
let stopMeili: (() => Promise<void>) | undefined;
try {
  await migrate(db);
  let url = config.meili.url;
  let apiKey = config.meili.masterKey;
  if (!url) {
    const embedded = await startEmbeddedMeilisearch({ dataDir: config.dataDir });
    ({ url, apiKey } = embedded);
    stopMeili = () => embedded.stop();
  }
  const search = createMeiliSearchIndex({ url, apiKey, indexName: config.meili.indexName });
  await search.init();
  const services = createServiceRepository(db.db);
  const total = await services.countPublished();
  const bar = new SingleBar(
    { format: 'Reindexing [{bar}] {value}/{total} services', stream: process.stderr },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  const count = await search.reindex(
    (async function* () {
      for await (const batch of services.publishedInBatches(1000)) yield batch.map(toServiceDocument);
    })(),
    (done) => bar.update(done),
  );
  bar.stop();
  console.log(`Indexed ${count} published services into "${config.meili.indexName}"`);
} finally {
  await stopMeili?.();
  await database.close();
}
