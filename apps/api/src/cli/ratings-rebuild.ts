// `npm run ratings:rebuild`: recomputes every service_ratings row from the published reviews, reports any
// difference from what was stored (there should be none), then saves the fresh values as of now (so the
// recency weights and the 24-month window move on) and queues the changed services for search.
// `--check` only compares and writes nothing. Exits with status 1 when it found differences.
import { migrate } from '@care-assist/db';
import { createRatingAggregator } from '../modules/ratings/aggregator.ts';
import { createRatingRepository } from '../modules/ratings/repository.ts';
import { parseCliArgs, runCli } from './args.ts';
import { openConfiguredDatabase, progressBar } from './common.ts';

const USAGE = `
Usage: npm run ratings:rebuild [-- --check]

Recomputes every service's rating aggregate from its published reviews and reports differences from the
stored values (there should be none; exit code 1 if any). Then saves the fresh values and queues the services
for search.

Options:
  --check     only compare and report; change nothing
  -h, --help  show this help
`;

const { values } = parseCliArgs({ usage: USAGE, options: { check: { type: 'boolean' } } });
const apply = !values.check;

await runCli('ratings:rebuild', async () => {
  const database = await openConfiguredDatabase();
  try {
    // Checking must not change the database, not even its schema.
    if (apply) await migrate(database.handle);
    const db = database.handle.db;
    const aggregator = createRatingAggregator({ db, ratings: createRatingRepository(db), clock: () => new Date() });
    const bar = progressBar(`${apply ? 'Rebuilding' : 'Checking'} ratings [{bar}] {value}/{total} services`);
    const result = await aggregator.rebuildAll({ apply, onProgress: (done, total) => bar.update(done, total) });
    bar.stop();
    console.log(
      `Checked ${result.services} services in ${result.groups} rating groups${apply ? '' : ' (--check: nothing changed)'}.`,
    );
    if (result.differences.length === 0) {
      console.log('No differences: every stored aggregate matches the reviews.');
      return 0;
    }
    console.log(`${result.differences.length} differences:`);
    for (const d of result.differences.slice(0, 50)) {
      console.log(
        `  ${d.serviceId} ${d.field}: stored ${JSON.stringify(d.stored)}, computed ${JSON.stringify(d.computed)}`,
      );
    }
    return 1;
  } finally {
    await database.close();
  }
});
