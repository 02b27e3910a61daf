// The bench's load driver: undici connection pools over loopback, a fixed number of workers per cell, each cell
// bounded in time. Cells are run round-robin (`interleave`) so that the floor, the API and the fallback share
// the machine's noise: on a busy 2-core box only ratios taken this way mean anything.
import { Pool } from 'undici';

export interface LoadRequest {
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface Cell {
  name: string;
  /** Where to send; with several, worker k sends to origins[k % n] (e.g. two API processes). */
  origin: string | string[];
  /** The i-th request of this cell (cycling through a mix is the caller's choice). */
  request: (i: number) => LoadRequest;
  concurrency: number;
}

export interface CellResult {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
}

const pools = new Map<string, Pool>();
function poolFor(origin: string, connections: number): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: Math.max(connections, 8), pipelining: 1 });
    pools.set(origin, pool);
  }
  return pool;
}

export async function closePools(): Promise<void> {
  await Promise.all([...pools.values()].map((p) => p.close()));
  pools.clear();
}

/** Sends one request and reads the whole body; returns the status. */
export async function send(origin: string, req: LoadRequest): Promise<{ status: number; body: string }> {
  const res = await poolFor(origin, 1).request({
    path: req.path,
    method: req.method ?? 'GET',
    headers: req.headers,
    body: req.body,
  });
  return { status: res.statusCode, body: await res.body.text() };
}

/** Runs a cell for `durationMs`; returns each request's latency in ms (errors counted apart). */
async function runCell(cell: Cell, durationMs: number, counter: { next: number }) {
  const origins = [cell.origin].flat();
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: cell.concurrency }, async (_, worker) => {
      const pool = poolFor(origins[worker % origins.length]!, cell.concurrency);
      while (performance.now() < deadline) {
        const req = cell.request(counter.next++);
        const started = performance.now();
        try {
          const res = await pool.request({
            path: req.path,
            method: req.method ?? 'GET',
            headers: req.headers,
            body: req.body,
          });
          await res.body.dump({ limit: Number.MAX_SAFE_INTEGER });
          if (res.statusCode >= 400) errors++;
          else latencies.push(performance.now() - started);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, errors };
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

/**
 * Warms each cell up, then runs every cell `rounds` times in turn for `durationMs` each and pools the latencies.
 * `onCell` reports progress.
 */
export async function interleave(
  cells: Cell[],
  { rounds, durationMs, warmupMs }: { rounds: number; durationMs: number; warmupMs: number },
  onCell: () => void = () => {},
): Promise<CellResult[]> {
  const counters = cells.map(() => ({ next: 0 }));
  for (const [i, cell] of cells.entries()) await runCell(cell, warmupMs, counters[i]!);
  const all = cells.map(() => ({ latencies: [] as number[], errors: 0, seconds: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, cell] of cells.entries()) {
      const started = performance.now();
      const { latencies, errors } = await runCell(cell, durationMs, counters[i]!);
      all[i]!.seconds += (performance.now() - started) / 1000;
      all[i]!.latencies.push(...latencies);
      all[i]!.errors += errors;
      onCell();
    }
  }
  return cells.map((cell, i) => {
    const { latencies, errors, seconds } = all[i]!;
    latencies.sort((a, b) => a - b);
    return {
      name: cell.name,
      requests: latencies.length,
      errors,
      seconds,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      perSecond: latencies.length / seconds,
    };
  });
}
