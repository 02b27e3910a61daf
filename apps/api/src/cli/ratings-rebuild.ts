// `npm run ratings:rebuild`: recomputes every service_ratings row from the published reviews, reports any
// difference from what was stored (there should be none), then saves the fresh values as of now (so the
// recency weights and the 24-month window move on) and queues the changed services for search.
// Exits with status 1 when it found differences.
import { migrate, openDatabase } from '@care-assist/db';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../config.ts';
import { createRatingAggregator } from '../modules/ratings/aggregator.ts';
import { createRatingRepository } from '../modules/ratings/repository.ts';

const config = loadConfig(process.env);
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  pgPort: config.pgPort,
});
const db = database.handle;
let exitCode = 0;
try {
  await migrate(db);
  const aggregator = createRatingAggregator({
    db: db.db,
    ratings: createRatingRepository(db.db),
    clock: () => new Date(),
  });
  const bar = new SingleBar(
    { format: 'Rebuilding ratings [{bar}] {value}/{total} services', stream: process.stderr },
    Presets.shades_classic,
  );
  bar.start(1, 0);
  const result = await aggregator.rebuildAll({
    apply: !process.argv.includes('--check'),
    onProgress: (done, total) => {
      bar.setTotal(total);
      bar.update(done);
    },
  });
  bar.stop();
  console.log(`Checked ${result.services} services in ${result.groups} rating groups.`);
  if (result.differences.length === 0) {
    console.log('No differences: every stored aggregate matches the reviews.');
  } else {
    exitCode = 1;
    console.log(`${result.differences.length} differences:`);
    for (const d of result.differences.slice(0, 50)) {
      console.log(
        `  ${d.serviceId} ${d.field}: stored ${JSON.stringify(d.stored)}, computed ${JSON.stringify(d.computed)}`,
      );
    }
  }
} finally {
  await database.close();
}
process.exit(exitCode);
