// Runs a Node program (argv[2]) that stops itself gracefully when the process that started it is gone.
// `npm start` runs the API and the web app in their own process groups (so Ctrl-C reaches only the supervisor,
// which stops them in order); if the supervisor is killed outright (SIGKILL, a closed terminal), they would keep
// running, holding their ports and the embedded PostgreSQL, and the next `npm start` could not bind. A child
// whose parent changes (it was re-parented to init or a subreaper) sends itself SIGTERM, which both programs
// answer with their graceful close (the API then stops the PostgreSQL and Meilisearch it started).
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [, , script, ...rest] = process.argv;
if (!script) {
  console.error('usage: node scripts/exit-with-parent.mjs <program.js> [args...]');
  process.exit(2);
}
// With the supervisor gone, our output pipes are broken: a log line must not crash the graceful close.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  console.error(`the supervisor (pid ${parent}) is gone; stopping`);
  process.kill(process.pid, 'SIGTERM');
}, 1000);
watch.unref();
process.argv = [process.argv[0], path.resolve(script), ...rest];
await import(pathToFileURL(path.resolve(script)).href);
