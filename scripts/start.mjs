#!/usr/bin/env node
// `npm start`: runs the whole product on one machine with embedded defaults.
// Builds what is missing or stale, starts the API (which migrates, seeds an empty database, spawns the
// bundled Meilisearch and indexes) and then the web app, and prints the address to open.
// Ctrl-C stops both, and the API stops its Meilisearch child.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = {
  WEB_PORT: '3000',
  API_PORT: '3001',
  DATA_DIR: path.join(root, 'data'),
  SEED_DEMO_DATA: 'true',
  LOG_LEVEL: 'info',
  ...process.env,
};
const webOrigin = env.WEB_ORIGIN ?? `http://localhost:${env.WEB_PORT}`;
const apiUrl = `http://127.0.0.1:${env.API_PORT}`;

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Rebuild when an output is missing or older than any source it is built from. */
function buildIfStale(name, output, sources) {
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  const changed = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
  if (built >= changed) return;
  console.log(`Building ${name}...`);
  const result = spawnSync('npm', ['run', 'build', '-w', `@care-assist/${name}`], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`Building ${name} failed.`);
    process.exit(1);
  }
}

buildIfStale('api', path.join(root, 'apps/api/dist/server.js'), ['apps/api/src', 'packages', 'migrations']);
buildIfStale('web', path.join(root, 'apps/web/build/index.js'), ['apps/web/src', 'packages/domain/src']);

const children = new Set();
let stopping = false;

/** API logs are JSON (for production log shipping); show them here as short readable lines. */
function prettyJsonLines(stream, label) {
  createInterface({ input: stream }).on('line', (line) => {
    try {
      const entry = JSON.parse(line);
      if (entry.msg === 'incoming request') return;
      const extra = entry.res ? ` ${entry.res.statusCode} ${Math.round(entry.responseTime)}ms` : '';
      const err = entry.err ? ` ${entry.err.message}` : '';
      console.log(`[${label}] ${entry.msg}${extra}${err}`);
    } catch {
      console.log(`[${label}] ${line}`);
    }
  });
}

function start(label, script, childEnv) {
  const child = spawn(process.execPath, [script], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  prettyJsonLines(child.stdout, label);
  prettyJsonLines(child.stderr, label);
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`[${label}] stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping everything.`);
      void stopAll(1);
    }
  });
  return child;
}

async function waitFor(url, what, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.error(`${what} did not start within ${timeoutMs / 1000} s.`);
  await stopAll(1);
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  const exits = [...children].map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children) child.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, 15_000);
  await Promise.all(exits);
  clearTimeout(timer);
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

console.log(
  `Starting Care Assist (data in ${env.DATA_DIR}${env.DATABASE_URL ? ', PostgreSQL from DATABASE_URL' : ', embedded PGlite'})...`,
);
start('api', 'apps/api/dist/server.js', { ...env, WEB_ORIGIN: webOrigin });
await waitFor(`${apiUrl}/health`, 'The API');
start('web', 'apps/web/build/index.js', {
  ...env,
  PORT: env.WEB_PORT,
  HOST: env.WEB_HOST ?? '0.0.0.0',
  ORIGIN: webOrigin,
  API_URL: apiUrl,
  // Room for a 5 MB listing photo and its form fields; the API checks the real limit.
  BODY_SIZE_LIMIT: env.BODY_SIZE_LIMIT ?? '6M',
});
await waitFor(`http://127.0.0.1:${env.WEB_PORT}/`, 'The web app');
if (!stopping) {
  console.log(
    `\nCare Assist is running. Open ${webOrigin} in your browser (API docs: ${apiUrl}/docs). Press Ctrl-C to stop.\n`,
  );
}
