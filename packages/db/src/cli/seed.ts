// `npm run db:seed`: migrates, then fills an empty database with the demo data set. Safe to run again: an existing
// database (any user present) is left alone. Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (default ./data).
import cliProgress from 'cli-progress';
import { openDatabase, type OpenedDatabase } from '../open.ts';
import { migrate } from '../migrate.ts';
import { seedDemoData } from '../seed/index.ts';

/** drizzle wraps driver errors ("Failed query: …"); the cause says what actually went wrong. */
function explain(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error && messages.length < 5; e = e.cause) {
    messages.push(e.message.split('\n')[0]!);
  }
  return messages.length > 0 ? messages.reverse().join(' (while: ') + ')'.repeat(messages.length - 1) : String(error);
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.DATA_DIR || './data';
  let database: OpenedDatabase | undefined;
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: 'Seeding {bar} {percentage}% | {value}/{total} rows', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let started = false;
  try {
    database = await openDatabase({ databaseUrl, dataDir, pgPort: Number(process.env.PG_PORT) || undefined });
    const handle = database.handle;
    await migrate(handle);
    const t0 = performance.now();
    const result = await seedDemoData(handle, {
      onProgress: (done, total) => {
        if (!bar) return;
        if (!started) {
          bar.start(total, done);
          started = true;
        } else {
          bar.update(done);
        }
      },
    });
    if (started) bar?.stop();
    const where = database.description;
    if (result.skipped) {
      console.log(`Database already has data; nothing seeded (${where})`);
    } else {
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      console.log(
        `Seeded ${result.users} users, ${result.organisations} organisations, ${result.services} services in ${seconds} s (${where})`,
      );
    }
  } catch (error) {
    if (started) bar?.stop();
    console.error(`Seeding failed: ${explain(error)}`);
    process.exitCode = 1;
  } finally {
    await database?.close().catch(() => {});
  }
}

await main();
