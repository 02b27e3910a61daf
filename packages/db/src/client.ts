// One database type for the whole app: drizzle over a node-postgres pool, talking TCP to a PostgreSQL server
// (DATABASE_URL in production, the embedded server of `npm start`, or the test server).
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Database = NodePgDatabase<Schema>;
/** A transaction or the database itself: repositories accept either. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DbConfig {
  /** postgres://… */
  databaseUrl: string;
  poolSize?: number;
}

export interface DbHandle {
  db: Database;
  /** The underlying pool, for work that needs one connection for a while (e.g. holding an advisory lock). */
  pool: pg.Pool;
  /** Cheap liveness query for /ready. */
  ping(): Promise<void>;
  /** A parameterised SQL query ($1, $2 ...) for code that cannot use drizzle, e.g. the Postgres search fallback. */
  query: <Row>(text: string, params: unknown[]) => Promise<Row[]>;
  close(): Promise<void>;
}

export async function createDb(config: DbConfig): Promise<DbHandle> {
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize ?? 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  let closed: Promise<void> | undefined;
  return {
    db,
    pool,
    ping: async () => {
      await pool.query('select 1');
    },
    query: async <Row>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as Row[],
    close: () => (closed ??= pool.end()),
  };
}
