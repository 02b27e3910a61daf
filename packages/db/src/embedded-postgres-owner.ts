// Who stops an embedded PostgreSQL server whose starter died. The process that starts the server (the API under
// `npm start`, a CLI run alone, a test run) stops it when it exits; a process that finds the server already running
// only connects and leaves it running. If the starter is killed outright (SIGKILL, the OOM killer, a crashed
// terminal), the server keeps running with nobody to stop it, and every later start would only connect to it.
//
// So the starter records its pid beside the cluster (`<dir>.owner`), and a later start checks the server's parent:
// while it is the recorded starter, the server is owned; once it is anything else (init or a subreaper took the
// orphan over), the server is adopted. Of several processes finding the orphan at once, the one that takes a
// session advisory lock in the server adopts it and holds the lock for as long as it lives, so the others see a
// live owner; when the adopter dies, its session ends, the lock is free and the next start adopts again.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import pg from 'pg';

/** pg_try_advisory_lock key for "this process owns the embedded server"; migrations use another. */
const ADOPTION_LOCK_KEY = 7_261_904_218_110_001n;
const STOP_GRACE_MS = 20_000;

export function ownerFile(dir: string): string {
  return `${dir}.owner`;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but someone else's (e.g. the server runs as `postgres` and we are not root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return procStat(pid)?.state !== 'Z'; // a zombie has exited, whether or not its parent has reaped it yet
}

/** State and parent from /proc (Linux); undefined elsewhere or when the process is gone. */
function procStat(pid: number): { state: string; parent: number } | undefined {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return undefined;
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
    const text = readFileSync(file, 'utf8');
    const [state, parent] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '', parent: Number(parent) };
  } catch {
    return undefined;
  }
}

/** The parent process id of `pid`, or undefined when it cannot be read. */
export function parentOf(pid: number): number | undefined {
  if (existsSync('/proc/self/stat')) return procStat(pid)?.parent;
  try {
    const out = execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8', stdio: 'pipe' });
    return Number(out.trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process that started the server is gone (the server's parent is no longer the recorded starter). */
export async function starterIsGone(dir: string, serverPid: number): Promise<boolean> {
  const parent = parentOf(serverPid);
  if (parent === undefined) return false; // cannot tell: leave it to whoever is there
  let starter: number | undefined;
  try {
    starter = Number((await readFile(ownerFile(dir), 'utf8')).trim()) || undefined;
  } catch {
    starter = undefined;
  }
  // Without a record (a cluster started before records were kept), only a parent of 1 says orphan for sure.
  if (starter === undefined) return parent === 1;
  return parent !== starter || !isAlive(starter);
}

/**
 * Adopts the server if its starter is gone and no other process has adopted it: returns the stop function of the
 * new owner (fast shutdown, waiting until the server has exited), or undefined when someone else owns it.
 */
export async function adoptIfOrphaned(
  dir: string,
  server: { pid: number },
  adminUrl: string,
): Promise<(() => Promise<void>) | undefined> {
  if (!(await starterIsGone(dir, server.pid))) return undefined;
  const lock = new pg.Client({ connectionString: adminUrl, application_name: 'care-assist embedded owner' });
  lock.on('error', () => {}); // the server going away under us is how stop() ends
  await lock.connect();
  const { rows } = await lock.query<{ adopted: boolean }>('select pg_try_advisory_lock($1) as adopted', [
    ADOPTION_LOCK_KEY.toString(),
  ]);
  if (!rows[0]?.adopted) {
    await lock.end();
    return undefined;
  }
  // Like a started server: a parent that exits without stopping it must not leave it running.
  const killOnExit = () => {
    if (isAlive(server.pid)) process.kill(server.pid, 'SIGQUIT');
  };
  process.once('exit', killOnExit);
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      await lock.end().catch(() => {});
      if (!isAlive(server.pid)) return;
      process.kill(server.pid, 'SIGINT'); // fast shutdown
      const deadline = Date.now() + STOP_GRACE_MS;
      while (isAlive(server.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (isAlive(server.pid)) process.kill(server.pid, 'SIGQUIT');
      while (isAlive(server.pid)) await new Promise((r) => setTimeout(r, 50));
    })();
    return stopping;
  };
}
