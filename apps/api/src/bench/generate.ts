// The England-scale benchmark data set, written by Postgres itself: every table is filled by one
// `INSERT … SELECT` over generate_series, so 1,000,000 reviews take seconds rather than hours of round trips.
// Randomness is a hash of (seed, row number, stream) — `pg_temp.rnd` below — so the same seed always makes the
// same rows, whatever the plan or the number of workers. Aggregates and the search index are NOT made here:
// the CLI computes them afterwards with the project's own code (ratings aggregator, search documents).
// The steps are in steps-directory.ts and steps-activity.ts, the SQL they share in sql.ts, their words in
// vocabulary.ts.
import type pg from 'pg';
import { benchSql } from './sql.ts';
import { directorySteps } from './steps-directory.ts';
import { activitySteps } from './steps-activity.ts';

export interface BenchDataOptions {
  seed: number;
  services: number;
  reviews: number;
  reviewers: number;
  /** Residents with a council personal budget. */
  budgetHolders: number;
  searchEvents: number;
  /** The argon2 hash of the demo password, shared by every generated account. */
  passwordHash: string;
}

export interface BenchStep {
  name: string;
  run: (client: pg.ClientBase) => Promise<number | undefined>;
}

export function benchSteps(o: BenchDataOptions): BenchStep[] {
  const sql = benchSql(o);
  return [...directorySteps(o, sql), ...activitySteps(o, sql)];
}
