// `npm run db:seed`: migrates, then fills an empty database with the demo data set. Safe to run again: an existing
// database (any user present) is left alone. Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR.
import { migrate, seedDemoData } from '@care-assist/db';
import { parseCliArgs, runCli } from './args.ts';
import { openConfiguredDatabase, progressBar } from './common.ts';

const USAGE = `
Usage: npm run db:seed [-- --help]

Migrates the database, then loads the demo data (accounts, organisations, services, reviews) if it is empty.
A database that already has users is left alone. Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR.
`;

parseCliArgs({ usage: USAGE });

await runCli('db:seed', async () => {
  const database = await openConfiguredDatabase();
  try {
    await migrate(database.handle);
    const bar = progressBar('Seeding {bar} {percentage}% | {value}/{total} rows');
    const t0 = performance.now();
    const result = await seedDemoData(database.handle, { onProgress: (done, total) => bar.update(done, total) });
    bar.stop();
    if (result.skipped) {
      console.log(`The database already has data; nothing seeded (${database.description}).`);
    } else {
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      console.log(
        `Seeded ${result.users} users, ${result.organisations} organisations, ${result.services} services in ${seconds} s (${database.description}).`,
      );
    }
  } finally {
    await database.close();
  }
});
