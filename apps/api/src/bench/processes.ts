// The processes the bench measures: the built API and web app started as a user would start them (plain node on
// the build output), and their memory read from /proc while the load runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

export interface Started {
  name: string;
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node <script>` with env and waits until `readyPath` answers 200. */
export async function startNode(
  name: string,
  script: string,
  env: Record<string, string>,
  port: number,
  readyPath: string,
): Promise<Started> {
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const origin = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${output.join('').slice(-2000)}`);
    const ok = await fetch(`${origin}${readyPath}`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { name, origin, child, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`${name} did not answer ${readyPath} within 3 minutes: ${output.join('').slice(-2000)}`);
}

/** Resident set size in MB from /proc (Linux); null where there is no /proc. */
export async function rssMb(pid: number | undefined): Promise<number | null> {
  if (!pid) return null;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples the peak RSS of each pid every 500 ms until stopped. */
export function watchPeakRss(pids: Record<string, number | undefined>) {
  const peaks: Record<string, number | null> = Object.fromEntries(Object.keys(pids).map((k) => [k, null]));
  const timer = setInterval(() => {
    for (const [name, pid] of Object.entries(pids)) {
      void rssMb(pid).then((mb) => {
        if (mb !== null && (peaks[name] === null || mb > peaks[name]!)) peaks[name] = mb;
      });
    }
  }, 500);
  return {
    stop() {
      clearInterval(timer);
      return peaks;
    },
  };
}
