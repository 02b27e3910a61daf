// Runs the committed drizzle-kit migrations (top-level migrations/), one process at a time: API replicas that
// start together, or a CLI started beside the API, queue on a PostgreSQL advisory lock instead of racing.
import { createRequire } from 'node:module';
import path from 'node:path';
import { migrate as runMigrations } from 'drizzle-orm/node-postgres/migrator';
import type { DbHandle } from './client.ts';

// Resolved through the package (not import.meta.url) so it also holds inside the bundled API.
export const MIGRATIONS_FOLDER = path.resolve(
  path.dirname(createRequire(import.meta.url).resolve('@care-assist/db/package.json')),
  '../../migrations',
);

/** Arbitrary but fixed: every Care Assist process migrating any database takes this one lock. */
export const MIGRATION_LOCK_KEY = 7_316_002_517;

export async function migrate(handle: DbHandle, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  // A session-level lock lives on one connection, so hold it on a dedicated client from the pool.
  const client = await handle.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await runMigrations(handle.db, { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
