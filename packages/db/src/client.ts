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
  // A connection PostgreSQL drops (restart, failover, pg_terminate_backend) must never crash the process.
  // The pool listens for errors only on idle clients; a client checked out for a transaction has no listener
  // between two of its queries, and an 'error' event with no listener is an uncaught exception (issue 13 #1).
  // So every client gets a listener of its own for its whole life: the query in flight (or the next one) still
  // fails, the request answers 503, and release(err) makes the pool discard the client and connect afresh.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
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
