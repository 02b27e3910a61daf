// `npm run import:cqc -- directory <file.csv>` or `npm run import:cqc -- locations <file.ndjson>`:
// imports CQC data into the database with a progress bar on stderr, then prints a report. The running
// API's outbox worker (or the next `npm start`) brings the search index up to date.
import { stat } from 'node:fs/promises';
import { migrate } from '@care-assist/db';
import { createCqcImporter } from '../modules/cqc-import/importer.ts';
import { readDirectory, readLocations } from '../modules/cqc-import/records.ts';
import { parseCliArgs, requireReadableFile, runCli, UsageError } from './args.ts';
import { openConfiguredDatabase, progressBar } from './common.ts';

const USAGE = `
Usage: npm run import:cqc -- directory <file.csv>
       npm run import:cqc -- locations <file.ndjson>

Imports adult social care services from the CQC's monthly care directory CSV ("directory") or from CQC API
location records, one JSON object a line ("locations"). Idempotent: a re-run of the same file writes nothing.
Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (also while npm start runs).
`;

const { positionals } = parseCliArgs({ usage: USAGE, positionals: { min: 2, max: 2 } });
const [layout, file] = positionals as [string, string];

await runCli('import:cqc', async () => {
  if (layout !== 'directory' && layout !== 'locations') {
    throw new UsageError(`unknown layout '${layout}': use 'directory' or 'locations'`);
  }
  await requireReadableFile(file);
  const database = await openConfiguredDatabase();
  try {
    await migrate(database.handle);
    const { size } = await stat(file);
    const bar = progressBar('Importing [{bar}] {percentage}% | {rows} rows, {errors} errors');
    bar.update(0, size, { rows: 0, errors: 0 });
    let bytes = 0;
    const onBytes = (read: number) => (bytes = read);
    const rows = layout === 'directory' ? readDirectory(file, onBytes) : readLocations(file, onBytes);
    const report = await createCqcImporter({ db: database.handle.db, clock: () => new Date() }).run(rows, (r) =>
      bar.update(bytes, size, { rows: r.read, errors: r.errors.length }),
    );
    bar.update(size, size);
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
});
