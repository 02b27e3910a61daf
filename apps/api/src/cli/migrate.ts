// `npm run db:migrate`: applies the committed migrations (migrations/) to the configured database. Safe beside a
// running API: migrations take an advisory lock, so concurrent runs queue rather than race.
import { migrate } from '@care-assist/db';
import { parseCliArgs, runCli } from './args.ts';
import { openConfiguredDatabase } from './common.ts';

const USAGE = `
Usage: npm run db:migrate [-- --help]

Applies the committed migrations to the database: DATABASE_URL, or the embedded PostgreSQL under DATA_DIR.
The API also migrates on start; this is for deployments that migrate as a separate step.
`;

parseCliArgs({ usage: USAGE });

await runCli('db:migrate', async () => {
  const database = await openConfiguredDatabase();
  try {
    await migrate(database.handle);
    console.log(`Migrations applied (${database.description}).`);
  } finally {
    await database.close();
  }
});
