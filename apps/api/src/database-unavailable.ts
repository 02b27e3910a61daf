// Recognises a request that failed because the database connection went away (PostgreSQL restarted, failed
// over, or an operator terminated the backend), so the error handler can answer 503 "try again" instead of 500.
// The pool reconnects by itself; only the requests that were on the lost connections see this (issue 13 #1).

// SQLSTATE class 08 (connection exception), admin/crash shutdown, cannot connect now, too many connections.
const UNAVAILABLE_CODES = /^(08...|57P01|57P02|57P03|53300)$/;
// Socket-level failures reaching the server.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
// node-postgres reports a dead or closed client, and a pool that cannot connect in time, with these messages.
const DRIVER_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
];

/** drizzle wraps driver errors (a failed ROLLBACK may wrap the original): look along the cause chain. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.test(code) || SOCKET_CODES.has(code))) return true;
    if (typeof message === 'string' && DRIVER_MESSAGES.some((m) => message.startsWith(m))) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    e = cause;
  }
  return false;
}
