// Times each query of the bench mix on the Postgres search fallback alone (no API, one at a time), against the
// bench database: `npx tsx scripts/search-fallback-timing.ts [database-url] [runs]`. Prints p50 and p95 per query.
import pg from 'pg';
import { createPostgresSearchIndex } from '@care-assist/search';
import { SEARCH_MIX } from '../apps/api/src/bench/mix.ts';

const url = process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/care_assist_bench';
const runs = Number(process.argv[3] ?? 20);
const pool = new pg.Pool({ connectionString: url, max: 2 });
const index = createPostgresSearchIndex({
  query: async <Row>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as Row[],
});

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
for (const { name, request } of SEARCH_MIX) {
  await index.search(request); // warm
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = await index.search(request);
    times.push(performance.now() - start);
    total = result.total;
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(22)} p50 ${pct(times, 0.5).toFixed(1).padStart(7)} ms  p95 ${pct(times, 0.95).toFixed(1).padStart(7)} ms  total ${total}`,
  );
}
await pool.end();
