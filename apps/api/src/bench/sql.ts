// SQL shared by the bench data steps: dropping and rebuilding a table's indexes around a bulk insert, literal
// arrays of constants, and the seeded expressions (uuids, random numbers, picks) every step writes with.
import type pg from 'pg';
import { REFERENCE_DATE, REVIEW_PHRASES } from '@care-assist/db';
import type { BenchDataOptions } from './generate.ts';

/**
 * Drops a table's secondary indexes for a bulk insert and gives back a function that builds them again from
 * their own definitions (one sort per index is far cheaper than a million index insertions).
 */
export async function withoutIndexes(c: pg.ClientBase, table: string) {
  const { rows } = await c.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'public' and i.tablename = $1
       and not exists (select 1 from pg_constraint k where k.conname = i.indexname)`,
    [table],
  );
  for (const row of rows) await c.query(`drop index "${row.indexname}"`);
  return {
    restore: async () => {
      for (const row of rows) await c.query(row.indexdef);
    },
  };
}

/** A SQL text[] literal of trusted constants. */
export function textArray(values: readonly string[]): string {
  return `array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')}]::text[]`;
}

/** The pieces of SQL every step shares: the seed, the reference date and the seeded random expressions. */
export interface BenchSql {
  seed: number;
  /** The reference date (ISO) the data is dated back from. */
  ref: string;
  organisations: number;
  /** A stable uuid for the n-th row of a kind. */
  uid: (kind: string, n: string) => string;
  /** A number in [0, 1) for row n and stream (pg_temp.rnd, made by the first step). */
  rnd: (n: string, stream: number) => string;
  /** One element of a SQL array, chosen by row n and stream. */
  pickFrom: (array: string, n: string, stream: number) => string;
  /** The review phrases of a kind for a mood ('good', 'mixed' or 'poor'), as a SQL array. */
  phrases: (kind: 'openings' | 'middles' | 'closings' | 'titles', mood: string) => string;
  /** The demo administrator's uuid. */
  admin: string;
}

export function benchSql(o: BenchDataOptions): BenchSql {
  const seed = Math.trunc(o.seed);
  const ref = REFERENCE_DATE.toISOString();
  const organisations = Math.max(1, Math.round(o.services / 3.3));
  /** A stable uuid for the n-th row of a kind. */
  const uid = (kind: string, n: string) => `md5('${seed}:${kind}:' || (${n}))::uuid`;
  const rnd = (n: string, stream: number) => `pg_temp.rnd((${n})::bigint, ${stream})`;
  const pickFrom = (array: string, n: string, stream: number) =>
    `(${array})[1 + floor(${rnd(n, stream)} * cardinality(${array}))::int]`;
  const phrases = (kind: 'openings' | 'middles' | 'closings' | 'titles', mood: string) =>
    `(case ${mood} when 'good' then ${textArray(REVIEW_PHRASES[kind].good)} when 'mixed' then ${textArray(REVIEW_PHRASES[kind].mixed)} else ${textArray(REVIEW_PHRASES[kind].poor)} end)`;
  const admin = uid('user', `'demo:admin'`);
  return { seed, ref, organisations, uid, rnd, pickFrom, phrases, admin };
}
