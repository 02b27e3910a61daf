// LISTEN on a PostgreSQL channel over a dedicated connection (a pooled one would be handed back and lose it).
// The connection is re-opened with a growing delay when it drops (a restart, pg_terminate_backend), and a
// dropped connection never becomes an unhandled 'error' that would crash the process. Notifications missed while
// disconnected are not replayed: callers must also poll, and use this only to react sooner.
import pg from 'pg';

export interface ListenOptions {
  channel: string;
  onNotify: (payload: string | undefined) => void;
  /** Told when the connection drops or cannot be opened; it is retried regardless. */
  onError?: (error: unknown) => void;
}

/** Starts listening; resolves once the first LISTEN succeeded or failed. Returns a function that stops it. */
export async function listenToChannel(pool: pg.Pool, options: ListenOptions): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`invalid channel name ${options.channel}`);
  let client: pg.Client | undefined;
  let stopped = false;
  let retryMs = 500;
  let retryTimer: NodeJS.Timeout | undefined;

  const retry = () => {
    if (stopped) return;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void connect(), retryMs);
    retryMs = Math.min(retryMs * 2, 30_000);
  };

  async function connect(): Promise<void> {
    // pool.options carries the connection settings the pool was made with.
    const next = new pg.Client(pool.options);
    client = next;
    next.on('notification', (message) => {
      if (message.channel === options.channel) options.onNotify(message.payload);
    });
    let lost = false;
    const lose = (error?: unknown) => {
      if (lost) return;
      lost = true;
      if (error) options.onError?.(error);
      void next.end().catch(() => {});
      if (client === next) retry();
    };
    next.on('error', lose);
    next.on('end', () => lose());
    try {
      await next.connect();
      await next.query(`LISTEN ${options.channel}`);
      retryMs = 500;
      // Whatever was committed while we were away is picked up by the caller's next drain.
      options.onNotify(undefined);
    } catch (error) {
      lose(error);
    }
  }

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    const last = client;
    client = undefined; // so its 'end' does not schedule a reconnect
    await last?.end().catch(() => {});
  };
}
