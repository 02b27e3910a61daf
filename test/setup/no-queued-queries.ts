// Fails a test file whose code ran two queries at once on one database connection (issue 13 #1): node-postgres
// queues the second and prints "client.query() when the client is already executing a query" (an error from
// pg@9). It happens with Promise.all over one transaction; use readAll from @care-assist/db instead.
import { afterAll } from 'vitest';

const queued: string[] = [];
const onWarning = (warning: Error) => {
  if (warning.message.includes('already executing a query')) queued.push(warning.stack ?? warning.message);
};
process.on('warning', onWarning);

afterAll(() => {
  process.off('warning', onWarning);
  if (queued.length > 0) {
    throw new Error(`Queries were queued on one connection (use readAll inside a transaction):\n${queued.join('\n')}`);
  }
});
