#!/usr/bin/env node
// `npm start`: runs the whole product on one machine with embedded defaults.
// Builds what is missing or stale, starts the API (which starts the embedded PostgreSQL under DATA_DIR/pg unless
// DATABASE_URL is set, migrates, seeds an empty database, spawns the bundled Meilisearch and indexes) and then
// the web app, and prints the address to open. Ctrl-C stops both, and the API stops its PostgreSQL and
// Meilisearch children.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { localEnv, root } from './local-env.mjs';

const env = localEnv({ MAIL_CATCHER_PORT: '1080', LOG_LEVEL: 'info' });
const webOrigin = env.WEB_ORIGIN ?? `http://localhost:${env.WEB_PORT}`;
const apiUrl = `http://127.0.0.1:${env.API_PORT}`;

/** The newest modification time of a file, or of any file under a folder. */
function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Rebuild when an output is missing or older than any source or build configuration it is built from. */
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

const sharedConfig = ['package.json', 'package-lock.json', 'tsconfig.base.json'];
buildIfStale('api', path.join(root, 'apps/api/dist/server.js'), [
  'apps/api/src',
  'packages',
  'migrations',
  'apps/api/tsup.config.ts',
  'apps/api/package.json',
  'apps/api/tsconfig.json',
  ...sharedConfig,
]);
buildIfStale('web', path.join(root, 'apps/web/build/index.js'), [
  'apps/web/src',
  'apps/web/static',
  'packages/domain/src',
  'apps/web/svelte.config.js',
  'apps/web/vite.config.ts',
  'apps/web/package.json',
  'apps/web/tsconfig.json',
  ...sharedConfig,
]);

const children = new Set();
let stopping = false;

const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const red = (text) => (colour ? `\u001b[31m${text}\u001b[39m` : text);
const yellow = (text) => (colour ? `\u001b[33m${text}\u001b[39m` : text);

/**
 * API logs are pino JSON (for production log shipping); show them here as short readable lines that keep the
 * level, with warnings and errors upper-case (and coloured on a terminal) so they stand out.
 */
/** Where the API's development mail catcher can be read (it logs the address when it starts). */
let mailCatcherUrl = null;

function prettyJsonLines(stream, label) {
  createInterface({ input: stream }).on('line', (line) => {
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      console.log(`[${label}] ${line}`);
      return;
    }
    if (entry.mailCatcher) mailCatcherUrl = entry.mailCatcher;
    if (entry.msg === 'incoming request') return;
    const level = LEVELS[entry.level] ?? 'info';
    const shown =
      entry.level >= 50 ? red(level.toUpperCase()) : entry.level >= 40 ? yellow(level.toUpperCase()) : level;
    const extra = entry.res ? ` ${entry.res.statusCode} ${Math.round(entry.responseTime)}ms` : '';
    const err = entry.err ? ` ${entry.err.message}` : '';
    console.log(`[${label}] ${shown.padEnd(5)} ${entry.msg}${extra}${err}`);
  });
}

function start(label, script, childEnv) {
  // Own process group: Ctrl-C in the terminal reaches only this script, which then sends each child exactly one
  // SIGTERM (a second signal would make the API skip its graceful close, and with it stopping PostgreSQL cleanly).
  const child = spawn(process.execPath, ['scripts/exit-with-parent.mjs', script], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
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
  `Starting Care Assist (data in ${env.DATA_DIR}${env.DATABASE_URL ? ', PostgreSQL from DATABASE_URL' : ', embedded PostgreSQL in DATA_DIR/pg'})...`,
);
start('api', 'apps/api/dist/server.js', { ...env, WEB_ORIGIN: webOrigin });
await waitFor(`${apiUrl}/health`, 'The API');
start('web', 'apps/web/build/index.js', {
  ...env,
  PORT: env.WEB_PORT,
  // Only this machine by default: the demo accounts' password is in the README. WEB_HOST=0.0.0.0 opens it up.
  HOST: env.WEB_HOST ?? '127.0.0.1',
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
  // Without SMTP_URL the API keeps e-mail in its development mail catcher instead of sending it.
  if (mailCatcherUrl) console.log(`E-mail is not sent anywhere: read it at ${mailCatcherUrl}\n`);
}
