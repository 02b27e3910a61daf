// Seeds an empty database with the demo data set: demo accounts, providers and their service listings.
// Runs once: if any user exists, it does nothing, so `npm start` seeds a fresh database and later starts reuse it.
import { sql } from 'drizzle-orm';
import type { DbHandle, Executor } from '../client.ts';
import { hashPassword } from '../password.ts';
import {
  organisationMembers,
  organisations,
  reviewFlags,
  reviewResponses,
  reviews,
  searchEvents,
  serviceRatings,
  services,
  users,
} from '../schema/index.ts';
import { DEFAULT_SEED, generateDemoData } from './generate.ts';
import { DEMO_PASSWORD } from './users.ts';
import { seedBudgets } from './budgets.ts';
import { generateDemoReviews } from './reviews.ts';
import { seedProviderListings } from './providers.ts';
import { generateDemoOutcomes } from './outcomes.ts';
import { demoOutcomeRowCount, seedOutcomes } from './outcomes-write.ts';
import { generateDemoSearches } from './searches.ts';
import { demoClaimantRow, seedDemoClaims } from './claims.ts';

export { DEFAULT_SEED, REFERENCE_DATE, generateDemoData, type DemoData } from './generate.ts';
export { PRICE_RANGES, HOME_CARE_VISIT_RANGE, AT_HOME_CARE_TYPES, SPECIALISMS_BY_CARE_TYPE } from './care.ts';
export { BRANDS } from './names.ts';
export { REVIEW_PHRASES } from './reviews.ts';
export { PLACES, buildPostcode } from './places.ts';
export { DEMO_CLAIMANT, DEMO_PASSWORD, DEMO_PROVIDER_ORGANISATION, DEMO_USERS, type DemoUser } from './users.ts';

export interface SeedOptions {
  seed?: number;
  /**
   * "Today" for the one clock-relative part of the demo: the demo resident's booking, whose outcomes
   * questionnaire is due whenever the demo is started. Defaults to the real clock.
   */
  now?: Date;
  /** Rows written so far out of the total; called after each batch. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  skipped: boolean;
  users: number;
  organisations: number;
  services: number;
}

/** Rows per INSERT: services have ~37 columns, well inside Postgres's 65,535 bind parameters. */
const BATCH_SIZE = 100;
/** Serialises concurrent seeders (two instances starting at once) on one database. */
const SEED_LOCK_KEY = 0x5eed_ca7e;

async function hasUsers(executor: Executor): Promise<boolean> {
  const rows = await executor.select({ id: users.id }).from(users).limit(1);
  return rows.length > 0;
}

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function seedDemoData(handle: DbHandle, options: SeedOptions = {}): Promise<SeedResult> {
  const skipped: SeedResult = { skipped: true, users: 0, organisations: 0, services: 0 };
  if (await hasUsers(handle.db)) return skipped;

  const data = generateDemoData(options.seed ?? DEFAULT_SEED);
  const demoReviews = generateDemoReviews(data, options.seed ?? DEFAULT_SEED);
  const demoSearches = generateDemoSearches(data, options.seed ?? DEFAULT_SEED);
  const claimant = demoClaimantRow(options.seed ?? DEFAULT_SEED);
  data.users.push(...demoReviews.reviewers, claimant);
  data.ratings = demoReviews.ratings;
  const demoOutcomes = generateDemoOutcomes(
    data,
    demoReviews.reviewers,
    options.seed ?? DEFAULT_SEED,
    options.now ?? new Date(),
  );
  // argon2 is deliberately slow: hash the shared demo password once.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userRows = data.users.map((user) => ({ ...user, passwordHash }));

  const total =
    userRows.length +
    data.organisations.length +
    data.members.length +
    data.services.length +
    data.ratings.length +
    demoReviews.reviews.length +
    demoReviews.responses.length +
    demoReviews.flags.length +
    demoOutcomeRowCount(demoOutcomes) +
    demoSearches.length;
  let done = 0;
  options.onProgress?.(done, total);

  const written = await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    // Someone may have seeded (or signed up) while we were hashing.
    if (await hasUsers(tx)) return false;
    const write = async <T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>, size = BATCH_SIZE) => {
      for (const batch of chunks(rows, size)) {
        await insert(batch);
        done += batch.length;
        options.onProgress?.(done, total);
      }
    };
    await write(userRows, (batch) => tx.insert(users).values(batch));
    await write(data.organisations, (batch) => tx.insert(organisations).values(batch));
    await write(data.members, (batch) => tx.insert(organisationMembers).values(batch));
    await write(data.services, (batch) => tx.insert(services).values(batch));
    await write(data.ratings, (batch) => tx.insert(serviceRatings).values(batch));
    await seedBudgets(tx, data);
    await write(demoReviews.reviews, (batch) => tx.insert(reviews).values(batch));
    await write(demoReviews.responses, (batch) => tx.insert(reviewResponses).values(batch));
    await write(demoReviews.flags, (batch) => tx.insert(reviewFlags).values(batch));
    await seedProviderListings(tx);
    await seedDemoClaims(tx, claimant);
    await seedOutcomes(tx, demoOutcomes, write);
    await write(demoSearches, (batch) => tx.insert(searchEvents).values(batch));
    return true;
  });
  if (!written) return skipped;

  return {
    skipped: false,
    users: userRows.length,
    organisations: data.organisations.length,
    services: data.services.length,
  };
}
