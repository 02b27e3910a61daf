// `npm run search:reindex`: rebuilds the search index from Postgres into a new index and swaps it in.
import { migrate } from '@care-assist/db';
import { createMeiliSearchIndex, startEmbeddedMeilisearch, toServiceDocument } from '@care-assist/search';
import { createServiceRepository } from '../modules/services/repository.ts';
import { CliError, oneLine, parseCliArgs, runCli } from './args.ts';
import { configFromEnv, openConfiguredDatabase, progressBar } from './common.ts';

const USAGE = `
Usage: npm run search:reindex [-- --help]

Rebuilds the search index from the database into a new Meilisearch index and swaps it in, so search keeps
answering meanwhile. Uses MEILI_URL and MEILI_MASTER_KEY, or the bundled Meilisearch under DATA_DIR; the
database is DATABASE_URL, or the embedded PostgreSQL under DATA_DIR.
`;

parseCliArgs({ usage: USAGE });

await runCli('search:reindex', async () => {
  const config = configFromEnv();
  const database = await openConfiguredDatabase(config);
  let stopMeili: (() => Promise<void>) | undefined;
  try {
    await migrate(database.handle);
    let url = config.meili.url;
    let apiKey = config.meili.apiKey;
    if (!url) {
      const embedded = await startEmbeddedMeilisearch({ dataDir: config.dataDir }).catch((error: unknown) => {
        throw new CliError(
          `cannot start the bundled Meilisearch (is npm start running? stop it first): ${oneLine(error)}`,
        );
      });
      ({ url, apiKey } = embedded);
      stopMeili = () => embedded.stop();
    }
    const search = createMeiliSearchIndex({ url, apiKey, indexName: config.meili.indexName });
    await search.init().catch((error: unknown) => {
      throw new CliError(`cannot reach Meilisearch at ${url}: ${oneLine(error)}`);
    });
    const services = createServiceRepository(database.handle.db);
    const total = await services.countPublished();
    const bar = progressBar('Reindexing [{bar}] {value}/{total} services');
    bar.update(0, total);
    const count = await search.reindex(
      (async function* () {
        for await (const batch of services.publishedInBatches(1000)) yield batch.map(toServiceDocument);
      })(),
      (done) => bar.update(done, total),
    );
    bar.stop();
    console.log(`Indexed ${count} published services into "${config.meili.indexName}".`);
  } finally {
    await stopMeili?.();
    await database.close();
  }
});
