// Starts the real built product the way a newcomer does (`node scripts/start.mjs`, which builds if needed,
// migrates, seeds, spawns Meilisearch and starts the API and web app) on free ports with a throwaway DATA_DIR.
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { makeTempDataDir } from '@care-assist/db';

const root = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningProduct {
  webUrl: string;
  apiUrl: string;
  /** The development mail catcher's page (JSON at /messages.json): the API sends its e-mail there. */
  mailUrl: string;
  output: () => string;
  stop(): Promise<number | null>;
}

export async function startProduct(extraEnv: Record<string, string> = {}): Promise<RunningProduct> {
  const dataDir = await makeTempDataDir('care-assist-e2e-');
  const [webPort, apiPort, mailPort] = [await freePort(), await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WEB_PORT: String(webPort),
    API_PORT: String(apiPort),
    DATA_DIR: dataDir,
    MAIL_CATCHER_PORT: String(mailPort),
    // Deliver e-mail promptly, so a test reads it about as soon as a person would.
    EMAIL_POLL_SECONDS: '1',
    // Every role's every page from one loopback address within a minute is more than a resident would ask for:
    // the page tour met the default 600 a minute. Rate limits have their own integration tests.
    RATE_LIMIT_PER_MINUTE: '10000',
    ...extraEnv,
  };
  // The newcomer's path: the embedded PostgreSQL and the bundled Meilisearch, whatever this machine has configured.
  for (const key of [
    'DATABASE_URL',
    'PGHOST',
    'PG_PORT',
    'MEILI_URL',
    'MEILI_MASTER_KEY',
    'MEILI_API_KEY',
    'JWT_SECRET',
    'NODE_ENV',
    'SMTP_URL',
  ]) {
    delete env[key];
  }

  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + 540_000;
  while (!log.includes('Care Assist is running')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${log}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    webUrl: `http://localhost:${webPort}`,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    mailUrl: `http://127.0.0.1:${mailPort}`,
    output: () => log,
    async stop() {
      child.kill('SIGINT');
      const code = await exited;
      await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
