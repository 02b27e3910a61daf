// Runs the committed drizzle-kit migrations (top-level migrations/) on either driver.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DbHandle } from './client.ts';

// Resolved through the package (not import.meta.url) so it also holds inside the bundled API.
export const MIGRATIONS_FOLDER = path.resolve(
  path.dirname(createRequire(import.meta.url).resolve('@care-assist/db/package.json')),
  '../../migrations',
);

export async function migrate(handle: DbHandle, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  if (handle.driver === 'pg') {
    const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
    await run(handle.db as never, { migrationsFolder });
  } else {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(handle.db as never, { migrationsFolder });
  }
}
