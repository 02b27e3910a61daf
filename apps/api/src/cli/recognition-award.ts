// `npm run recognition:award`: works out "highly rated" recognition (the rule in @care-assist/domain, published
// at /help/highly-rated) for the current year, replacing it, or for a past year that has none yet. The API's
// insight schedule runs the same award every January for the year just ended; this is the by-hand way.
import { migrate } from '@care-assist/db';
import { createRecognitionService } from '../modules/insight/recognitions.ts';
import { createRecognitionRepository } from '../modules/insight/recognition-repository.ts';
import { parseCliArgs, runCli, UsageError } from './args.ts';
import { openConfiguredDatabase } from './common.ts';

const USAGE = `
Usage: npm run recognition:award [-- --year YYYY]

Works out which services are "highly rated" for each care type in each county and stores it.
The current year is replaced each time; a past year is worked out only if it has no recognition yet.

Options:
  --year YYYY  the year (default: the current year)
  -h, --help   show this help
`;

const { values } = parseCliArgs({ usage: USAGE, options: { year: { type: 'string' } } });

await runCli('recognition:award', async () => {
  const now = new Date();
  const year = values.year === undefined ? now.getUTCFullYear() : Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > now.getUTCFullYear()) {
    throw new UsageError(`--year must be a year from 2000 to ${now.getUTCFullYear()}`);
  }
  const database = await openConfiguredDatabase();
  try {
    await migrate(database.handle);
    const recognitions = createRecognitionService({
      db: database.handle.db,
      repository: createRecognitionRepository(database.handle.db),
      clock: () => now,
    });
    if (year < now.getUTCFullYear() && (await recognitions.yearsAwarded()).includes(year)) {
      console.log(`Recognition for ${year} was awarded already; it is kept as it was.`);
      return 1;
    }
    const result = await recognitions.award(year, now);
    console.log(
      `Highly rated ${result.year}: ${result.recognised} service and care type pairs recognised in ${result.groups} care type and county groups (as at ${result.asAt}).`,
    );
    return 0;
  } finally {
    await database.close();
  }
});
