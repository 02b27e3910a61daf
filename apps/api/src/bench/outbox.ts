// The search outbox as the bench sees it: the lag from a committed change to Meilisearch having it, and the time
// the running API processes take to drain whatever backlog the data set left.
import type pg from 'pg';
import { BENCH_INDEX } from './defaults.ts';
import { send } from './load.ts';

/** Commits a change the way a listing edit does (row + outbox in one transaction), then waits for Meilisearch. */
export async function outboxLag(db: pg.Client, meiliUrl: string, apiKey: string, slugs: string[]) {
  const lags: number[] = [];
  for (const slug of slugs) {
    const { rows } = await db.query<{ id: string }>(`select id from services where slug = $1`, [slug]);
    // The service row and its outbox row in one transaction, as the API's listing edit does.
    await db.query('begin');
    const { rows: again } = await db.query<{ updated: string }>(
      `update services set updated_at = clock_timestamp() where id = $1
       returning (extract(epoch from updated_at) * 1000)::bigint::text as updated`,
      [rows[0]!.id],
    );
    await db.query(`insert into search_outbox (aggregate_id) values ($1)`, [rows[0]!.id]);
    const committed = performance.now();
    await db.query('commit');
    const want = Number(again[0]!.updated);
    const until = committed + 120_000;
    for (;;) {
      const res = await send(meiliUrl, {
        path: `/indexes/${BENCH_INDEX}/documents/${rows[0]!.id}?fields=updatedAt`,
        headers: { authorization: `Bearer ${apiKey}` },
      });
      const doc = res.status === 200 ? (JSON.parse(res.body) as { updatedAt: number }) : undefined;
      // Both sides are milliseconds of the same timestamp; Postgres rounds, JavaScript truncates.
      if (doc && Math.abs(doc.updatedAt - want) <= 1) break;
      if (performance.now() > until) throw new Error(`outbox lag: ${slug} did not reach Meilisearch in 2 minutes`);
      await new Promise((r) => setTimeout(r, 5));
    }
    lags.push(performance.now() - committed);
  }
  lags.sort((a, b) => a - b);
  return { samples: lags.length, p50: lags[Math.floor(lags.length / 2)]!, p95: lags[Math.floor(lags.length * 0.95)]! };
}

export async function drainBacklog(
  db: pg.Client,
  log: (message: string) => void,
): Promise<{ rows: number; seconds: number }> {
  const pending = async () =>
    Number(
      (await db.query<{ n: string }>(`select count(*) as n from search_outbox where processed_at is null`)).rows[0]!.n,
    );
  const rows = await pending();
  const startedAt = performance.now();
  if (rows === 0) return { rows, seconds: 0 };
  log(`draining a search outbox backlog of ${rows} rows through the API processes`);
  const until = startedAt + 20 * 60_000;
  for (let left = rows; left > 0; left = await pending()) {
    if (performance.now() > until) throw new Error(`the outbox still holds ${left} of ${rows} rows after 20 minutes`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { rows, seconds: (performance.now() - startedAt) / 1000 };
}
