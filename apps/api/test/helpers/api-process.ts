// Runs the real API as a child process (node + tsx on src/server.ts), for the tests that need more than one
// process or need to kill one: two processes sharing a database, a SIGKILL in the middle of requests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../../..');

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed, for the error message when it dies. */
  output: string[];
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

/** Starts an API on a free port with exactly `env` (plus PATH and HOME) and waits until /ready answers. */
export async function startApiProcess(env: Record<string, string>, port?: number): Promise<ApiProcess> {
  const apiPort = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, API_PORT: String(apiPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
  const api = { url: `http://127.0.0.1:${apiPort}`, child, output };
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}):\n${output.join('')}`);
    const ready = await fetch(`${api.url}/ready`).catch(() => undefined);
    if (ready?.ok) return api;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`API did not become ready:\n${output.join('')}`);
}

/** Sends `signal` and resolves when the process has gone. */
export async function stopApiProcess(api: ApiProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (api.child.exitCode !== null || api.child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    api.child.once('exit', () => resolve());
    api.child.kill(signal);
  });
}
