// The one way every process (API, CLIs, `npm start`) gets its database: DATABASE_URL when set, otherwise the
// embedded PostgreSQL cluster under DATA_DIR/pg, started here or reused when another process already runs it.
import path from 'node:path';
import { createDb, type DbHandle } from './client.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** The embedded cluster lives in <dataDir>/pg. */
  dataDir: string;
  /** Port for the embedded server (default: a free loopback port). */
  pgPort?: number | undefined;
  poolSize?: number;
  onLog?: (line: string) => void;
}

export interface OpenedDatabase {
  handle: DbHandle;
  /** For logs: which server this is. */
  description: string;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (options.databaseUrl) {
    const handle = await createDb({ databaseUrl: options.databaseUrl, poolSize: options.poolSize });
    try {
      await handle.ping();
    } catch (error) {
      await handle.close();
      throw new Error(`Cannot reach the database at DATABASE_URL (${redact(options.databaseUrl)}): ${describe(error)}`);
    }
    return { handle, description: `PostgreSQL at ${redact(options.databaseUrl)}`, close: () => handle.close() };
  }
  const dir = path.join(path.resolve(options.dataDir), 'pg');
  const embedded = await startEmbeddedPostgres({ dir, port: options.pgPort, onLog: options.onLog });
  const handle = await createDb({ databaseUrl: embedded.url, poolSize: options.poolSize });
  return {
    handle,
    description: `embedded PostgreSQL on 127.0.0.1:${embedded.port} (${dir}${embedded.owned ? '' : ', already running'})`,
    async close() {
      await handle.close();
      await embedded.stop();
    },
  };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a valid URL)';
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}
