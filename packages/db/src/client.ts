// One database type for the whole app, backed by node-postgres in production and tests,
// or by embedded PGlite (a WASM Postgres kept under DATA_DIR) when no DATABASE_URL is given.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: repositories accept either. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DbConfig {
  /** postgres://… ; when absent, embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files ("<dataDir>/pg"). Ignored with databaseUrl. */
  dataDir?: string | undefined;
  /** PGlite only: keep everything in memory (tests). */
  inMemory?: boolean;
  poolSize?: number;
}

export interface DbHandle {
  db: Database;
  driver: 'pg' | 'pglite';
  /** Cheap liveness query for /ready. */
  ping(): Promise<void>;
  /** A parameterised SQL query ($1, $2 ...) for code that cannot use drizzle, e.g. the Postgres search fallback. */
  query: <Row>(text: string, params: unknown[]) => Promise<Row[]>;
  close(): Promise<void>;
}

export async function createDb(config: DbConfig): Promise<DbHandle> {
  if (config.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize ?? 10 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = drizzle(pool, { schema }) as unknown as Database;
    return {
      db,
      driver: 'pg',
      ping: async () => {
        await pool.query('select 1');
      },
      query: async <Row>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as Row[],
      close: () => pool.end(),
    };
  }

  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  // pg_trgm gives the search fallback its typo tolerance; PGlite needs extensions loaded when it is created.
  const options = { extensions: { pg_trgm } };
  let client: InstanceType<typeof PGlite>;
  if (config.inMemory) {
    client = new PGlite(options);
  } else {
    const dir = path.resolve(config.dataDir ?? './data', 'pg');
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir, options);
  }
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    query: async <Row>(text: string, params: unknown[]) => (await client.query<Row>(text, params)).rows,
    close: () => client.close(),
  };
}
