// `npm run search:key`: creates the Meilisearch API key the API should run with (MEILI_API_KEY), scoped to its
// index, using the master key once. Prints the key on stdout, so it can go straight into a secret file.
import { createScopedApiKey } from '@care-assist/search';
import { CliError, oneLine, parseCliArgs, runCli } from './args.ts';
import { configFromEnv } from './common.ts';

const USAGE = `
Usage: npm run search:key [-- --help]

Creates a Meilisearch API key limited to what the API does: search, documents, index settings, swaps and
task status (no key management, dumps or snapshots). Needs MEILI_URL and MEILI_MASTER_KEY; prints the key.
Run the API with it as MEILI_API_KEY (or MEILI_API_KEY_FILE) and without MEILI_MASTER_KEY.
`;

parseCliArgs({ usage: USAGE });

await runCli('search:key', async () => {
  const config = configFromEnv();
  if (!config.meili.url || !config.meili.masterKey) {
    throw new CliError('set MEILI_URL and MEILI_MASTER_KEY (the bundled Meilisearch of npm start needs no key)');
  }
  const created = await createScopedApiKey({
    url: config.meili.url,
    masterKey: config.meili.masterKey,
    indexName: config.meili.indexName,
  }).catch((error: unknown) => {
    throw new CliError(`cannot create the key at ${config.meili.url}: ${oneLine(error)}`);
  });
  process.stderr.write(`Created Meilisearch key ${created.uid} for the API.\n`);
  console.log(created.key);
});
