// An embedded PostgreSQL whose starter was killed outright (SIGKILL of `npm start` or of the API) keeps running
// with nobody to stop it. The next start must notice, adopt it (owned, stopped on close), keep its data, and a
// start after that must find a cleanly stopped cluster it starts itself.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { makeTempDataDir, startEmbeddedPostgres, type EmbeddedPostgres } from '@care-assist/db';

const DB_SRC = path.resolve('packages/db/src/embedded-postgres.ts');
let dataDir: string | undefined;
const started: EmbeddedPostgres[] = [];
const pids: number[] = [];

afterAll(async () => {
  for (const server of started) await server.stop();
  // A failed run must not leave the holder or its orphaned server behind.
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A separate Node process that starts the cluster in `dir`, prints its URL and waits to be killed. */
async function holdInAnotherProcess(dir: string): Promise<{ pid: number; url: string; owned: boolean }> {
  const program = `
    import { startEmbeddedPostgres } from ${JSON.stringify(DB_SRC)};
    const pg = await startEmbeddedPostgres({ dir: ${JSON.stringify(dir)}, durable: false });
    console.log(JSON.stringify({ url: pg.url, owned: pg.owned }));
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await new Promise<string[]>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the holder exited early (${code})`)));
    createInterface({ input: child.stdout }).once('line', (l) => resolve([l]));
  });
  return { pid: child.pid!, ...(JSON.parse(line!) as { url: string; owned: boolean }) };
}

function serverPid(dir: string): number {
  return Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // not Linux: kill(0) answered
  }
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

it('adopts a server whose starter was SIGKILLed, stops it on close, and the next start owns a fresh one', async () => {
  dataDir = await makeTempDataDir('care-assist-orphan-');
  const dir = path.join(dataDir, 'pg');
  const holder = await holdInAnotherProcess(dir);
  expect(holder.owned).toBe(true);
  await query(holder.url, 'create table kept (n int); insert into kept values (42)');
  const orphan = serverPid(dir);
  pids.push(holder.pid, orphan);

  // While the holder lives, another process only connects.
  const guest = await startEmbeddedPostgres({ dir });
  expect(guest.owned).toBe(false);
  await guest.stop();
  expect(alive(orphan)).toBe(true);

  process.kill(holder.pid, 'SIGKILL');
  await expect.poll(() => alive(holder.pid), { timeout: 10_000 }).toBe(false);
  expect(alive(orphan)).toBe(true); // the server outlives its starter: the situation to recover from

  const adopter = await startEmbeddedPostgres({ dir });
  started.push(adopter);
  expect(adopter.owned).toBe(true);
  expect((await query(adopter.url, 'select n from kept')).rows).toEqual([{ n: 42 }]);
  // Only one adopter: a second start while the first lives connects without owning.
  const second = await startEmbeddedPostgres({ dir });
  expect(second.owned).toBe(false);
  await second.stop();

  await adopter.stop();
  expect(alive(orphan)).toBe(false);
  await expect(query(adopter.url, 'select 1')).rejects.toThrow();

  const fresh = await startEmbeddedPostgres({ dir });
  started.push(fresh);
  expect(fresh.owned).toBe(true);
  expect(serverPid(dir)).not.toBe(orphan);
  expect((await query(fresh.url, 'select n from kept')).rows).toEqual([{ n: 42 }]);
  await fresh.stop();
});
