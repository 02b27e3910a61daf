// `npm run import:cqc -- directory <file.csv>` or `npm run import:cqc -- locations <file.ndjson>`:
// imports CQC data into the database with a progress bar on stderr, then prints a report. The running
// API's outbox worker (or the next `npm start`) brings the search index up to date.
import { stat } from 'node:fs/promises';
import { SingleBar, Presets } from 'cli-progress';
import { migrate, openDatabase } from '@care-assist/db';
import { loadConfig } from '../config.ts';
import { createCqcImporter } from '../modules/cqc-import/importer.ts';
import { readDirectory, readLocations } from '../modules/cqc-import/records.ts';

const [layout, file] = process.argv.slice(2);
if ((layout !== 'directory' && layout !== 'locations') || !file) {
  console.error(
    'Usage: npm run import:cqc -- directory <file.csv>\n       npm run import:cqc -- locations <file.ndjson>',
  );
  process.exit(2);
}

const config = loadConfig(process.env);
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  pgPort: config.pgPort,
});
const db = database.handle;
try {
  await migrate(db);
  const { size } = await stat(file);
  const bar = new SingleBar(
    { format: 'Importing [{bar}] {percentage}% | {rows} rows, {errors} errors', stream: process.stderr },
    Presets.shades_classic,
  );
  bar.start(size, 0, { rows: 0, errors: 0 });
  let bytes = 0;
  const onBytes = (read: number) => (bytes = read);
  const rows = layout === 'directory' ? readDirectory(file, onBytes) : readLocations(file, onBytes);
  const report = await createCqcImporter({ db: db.db, clock: () => new Date() }).run(rows, (r) =>
    bar.update(bytes, { rows: r.read, errors: r.errors.length }),
  );
  bar.update(size);
  bar.stop();
  console.log(
    [
      `Read ${report.read} rows from ${file}`,
      `  created ${report.created} services (${report.organisationsCreated} new organisations), updated ${report.updated}, unchanged ${report.unchanged}`,
      `  unpublished ${report.unpublished} deregistered services`,
      `  skipped ${report.skippedByType} by type (not adult social care), ${report.skippedDeregistered} deregistered and unknown`,
      `  ${report.errors.length} rows could not be used${report.errors.length ? ':' : ''}`,
      ...report.errors.map((e) => `    line ${e.line}: ${e.reason}`),
    ].join('\n'),
  );
} finally {
  await database.close();
}
