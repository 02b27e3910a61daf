// The API is killed (SIGKILL: no shutdown hooks run) while it is accepting quotes from a budget, paying invoices
// and publishing reviews, then started again and every client retries what it did not get an answer to, with
// the same Idempotency-Key. Afterwards the budget's ledger reconciles, nothing was done twice, every review is
// published once, the stored ratings equal a full rebuild from the reviews, and the search outbox drains.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray, isNull } from 'drizzle-orm';
import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { budgetFigures, committedForBooking, type UserRole } from '@care-assist/domain';
import {
  brokerageFees,
  budgetLedger,
  invoices,
  organisationMembers,
  reviews,
  searchOutbox,
  users,
} from '@care-assist/db';
import { createRatingAggregator } from '../src/modules/ratings/aggregator.ts';
import { createRatingRepository } from '../src/modules/ratings/repository.ts';
import { startApiProcess, stopApiProcess, type ApiProcess } from './helpers/api-process.ts';
import { makeOrganisation, makeService } from './helpers/factories.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.ts';

const BOOKINGS = 24; // accepted during the kill
const INVOICES = 12; // paid during the kill
const REVIEWS = 24; // published during the kill
const WEEKLY = 10_000;
const ALLOCATED = 2_000_000;
// A real process keeps real time: care starts today, so today's care can be invoiced.
const TODAY = new Date().toISOString().slice(0, 10);

let database: TestDatabase;
let dataDir: string;
let env: Record<string, string>;
let api: ApiProcess;
let sign: (claims: { sub: string; role: UserRole }) => string;

interface Person {
  id: string;
  token: string;
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'care-assist-sigkill-'));
  const secret = randomBytes(32).toString('hex');
  sign = createSigner({ key: secret, algorithm: 'HS256', expiresIn: 3_600_000 });
  env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    MEILI_URL: inject('meiliUrl'),
    MEILI_MASTER_KEY: inject('meiliKey'),
    MEILI_INDEX: `services_sigkill_${randomBytes(4).toString('hex')}`,
    JWT_SECRET: secret,
    RATE_LIMIT_PER_MINUTE: '100000',
    REVIEW_RATE_LIMIT_PER_HOUR: '1000',
    INSIGHT_REFRESH_MINUTES: '0',
  };
  api = await startApiProcess(env);
}, 120_000);

afterAll(async () => {
  if (api) await stopApiProcess(api);
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function person(role: UserRole, name: string): Promise<Person> {
  const [row] = await database.handle.db
    .insert(users)
    .values({
      email: `${role}-${randomUUID().slice(0, 8)}@example.test`,
      passwordHash: 'x',
      displayName: name,
      role,
      // Established accounts: the review burst guard holds back many new accounts writing from one address.
      createdAt: new Date(Date.now() - 365 * 86_400_000),
    })
    .returning({ id: users.id });
  return { id: row!.id, token: sign({ sub: row!.id, role }) };
}

/** One request as a client would send it; a connection cut by the kill comes back as `undefined`. */
async function send(who: Person, method: string, url: string, body?: unknown, key?: string) {
  const res = await fetch(`${api.url}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${who.token}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(key && { 'idempotency-key': key }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  }).catch(() => undefined);
  return res && { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

async function ok(who: Person, method: string, url: string, body?: unknown) {
  const res = await send(who, method, url, body, randomUUID());
  expect(res?.status, JSON.stringify(res?.body)).toBeLessThan(300);
  return res!.body as { id: string } & Record<string, unknown>;
}

describe('SIGKILL in the middle of money-moving and review-publishing requests', () => {
  it('loses nothing and doubles nothing once the clients retry against the restarted API', async () => {
    const db = database.handle.db;
    const admin = await person('admin', 'Ada Admin');
    const moderator = await person('moderator', 'Mo Moderator');
    const holder = await person('resident', 'Hal Holder');
    const owner = await person('provider', 'Pat Provider');
    const organisation = await makeOrganisation(db);
    await db.insert(organisationMembers).values({ organisationId: organisation.id, userId: owner.id, role: 'owner' });
    const serviceIds: string[] = [];
    // One review per service: several reviews of one service from one address in minutes are held as a burst.
    for (let i = 0; i < REVIEWS; i++) {
      serviceIds.push((await makeService(db, { organisationId: organisation.id, name: `Sigkill Care ${i}` })).id);
    }

    const budget = await ok(admin, 'POST', '/api/v1/budgets', {
      holderEmail: (await db.select().from(users).where(eq(users.id, holder.id)))[0]!.email,
      councilReference: 'SIGKILL-1',
      startsOn: '2026-04-01',
      endsOn: '2027-03-31',
      allocatedPence: ALLOCATED,
    });

    const quoted = async () => {
      const booking = await ok(holder, 'POST', '/api/v1/bookings', {
        serviceId: serviceIds[0],
        careType: 'home_care',
        hoursPerWeek: 3,
        startDate: TODAY,
        durationWeeks: 4,
      });
      const quote = await ok(owner, 'POST', `/api/v1/bookings/${booking.id}/quote`, {
        weeklyPence: WEEKLY,
        startDate: TODAY,
        terms: 'Standard terms.',
      });
      const seen = quote.quote as { weeklyPence: number; quotedAt: string };
      return {
        id: booking.id,
        accept: { funding: 'budget', quotedWeeklyPence: seen.weeklyPence, quotedAt: seen.quotedAt },
      };
    };

    // Invoices to pay: bookings accepted and started before the kill, each with an approved invoice.
    const invoiceIds: string[] = [];
    for (let i = 0; i < INVOICES; i++) {
      const booking = await quoted();
      await ok(holder, 'POST', `/api/v1/bookings/${booking.id}/accept`, booking.accept);
      await ok(owner, 'POST', `/api/v1/bookings/${booking.id}/start`);
      const invoiced = await ok(owner, 'POST', `/api/v1/bookings/${booking.id}/invoices`, {
        periodStart: TODAY,
        periodEnd: TODAY,
        hours: 3,
        amountPence: WEEKLY,
      });
      const invoiceId = (invoiced.invoices as { id: string }[])[0]!.id;
      await ok(holder, 'POST', `/api/v1/invoices/${invoiceId}/approve`);
      invoiceIds.push(invoiceId);
    }
    const toAccept = [];
    for (let i = 0; i < BOOKINGS; i++) toAccept.push(await quoted());

    const reviewIds: string[] = [];
    for (let i = 0; i < REVIEWS; i++) {
      const author = await person('resident', `Reviewer ${i}`);
      const review = await ok(author, 'POST', '/api/v1/reviews', {
        serviceId: serviceIds[i % serviceIds.length],
        relationship: 'family',
        overall: 1 + (i % 5),
        categories: { quality_of_care: 1 + (i % 5), staff: 4, reliability: 3 },
        periodMonth: 10,
        periodYear: 2026,
        title: `Visit number ${i} went as planned`,
        body: 'The carers who visit my father are kind, patient and mostly arrive when they say they will.',
        consent: true,
      });
      reviewIds.push(review.id);
    }

    // Every request the clients mean to make, each with its own key, kept for the retry.
    const requests = [
      ...toAccept.map((b) => ({ who: holder, url: `/api/v1/bookings/${b.id}/accept`, body: b.accept })),
      ...invoiceIds.map((id) => ({ who: holder, url: `/api/v1/invoices/${id}/pay`, body: undefined })),
      ...reviewIds.map((id) => ({
        who: moderator,
        url: `/api/v1/moderation/reviews/${id}/decision`,
        body: { decision: 'publish' },
      })),
    ].map((r) => ({ ...r, key: randomUUID() }));

    // Fire them all, and kill the API as soon as the first answers arrive: some are done, some are in flight.
    let answered = 0;
    const killed = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (answered >= 5) {
          clearInterval(check);
          api.child.kill('SIGKILL');
          resolve();
        }
      }, 2);
    });
    const first = await Promise.all(
      requests.map(async (r) => {
        const res = await send(r.who, 'POST', r.url, r.body, r.key);
        if (res) answered++;
        return res;
      }),
    );
    await killed;
    await new Promise<void>((resolve) =>
      api.child.exitCode !== null || api.child.signalCode ? resolve() : api.child.once('exit', () => resolve()),
    );
    const lost = first.filter((r) => r === undefined).length;
    const committed = (await db.select().from(budgetLedger).where(eq(budgetLedger.budgetAccountId, budget.id))).filter(
      (e) => e.kind !== 'allocation',
    ).length;
    console.log(
      `[sigkill] ${requests.length - lost} answered before the kill, ${lost} cut off; ${committed} ledger entries were written`,
    );
    expect(lost).toBeGreaterThan(0); // the kill really landed mid-flight

    api = await startApiProcess(env);
    // Each client retries what it got no answer to (or a 5xx for), with the same key.
    const retried = await Promise.all(
      requests.map(async (r, i) =>
        first[i] && first[i].status < 500 ? first[i] : send(r.who, 'POST', r.url, r.body, r.key),
      ),
    );
    // Money routes take the Idempotency-Key, so a retry of work that committed before the kill replays its 200.
    // A moderation decision does not: when the kill lost the reply to a publish that had committed, the retry
    // is told the review is already published (409), which is the truth; that the review is published exactly
    // once is checked below with the aggregates.
    const alreadyDecided = (r: (typeof requests)[number], res: (typeof retried)[number]) =>
      r.url.includes('/moderation/') &&
      res?.status === 409 &&
      /^This review is published/.test(String(res.body?.detail));
    expect(
      retried
        .filter((res, i) => res?.status !== 200 && !(first[i] === undefined && alreadyDecided(requests[i]!, res)))
        .map((res) => res?.body?.detail ?? res?.status),
    ).toEqual([]);

    // Money: each booking committed once, each invoice paid once with one fee, and the ledger reconciles.
    const entries = await db.select().from(budgetLedger).where(eq(budgetLedger.budgetAccountId, budget.id));
    const figures = budgetFigures(entries);
    expect(figures.availablePence).toBe(entries.reduce((s, e) => s + e.amountPence, 0));
    expect(figures.allocatedPence).toBe(ALLOCATED);
    for (const booking of [...new Set(entries.map((e) => e.bookingId).filter((b): b is string => !!b))]) {
      expect(entries.filter((e) => e.bookingId === booking && e.kind === 'commitment')).toHaveLength(1);
      expect(committedForBooking(entries, booking)).toBeGreaterThanOrEqual(0);
    }
    expect(entries.filter((e) => e.kind === 'commitment')).toHaveLength(BOOKINGS + INVOICES);
    const payments = entries.filter((e) => e.kind === 'payment');
    expect(new Set(payments.map((p) => p.invoiceId)).size).toBe(INVOICES);
    expect(payments).toHaveLength(INVOICES);
    const paid = await db.select().from(invoices).where(inArray(invoices.id, invoiceIds));
    expect(paid.every((i) => i.status === 'paid')).toBe(true);
    expect(await db.select().from(brokerageFees).where(inArray(brokerageFees.invoiceId, invoiceIds))).toHaveLength(
      INVOICES,
    );
    expect(figures.paidPence).toBe(INVOICES * WEEKLY);

    // Reviews: all published, and the stored aggregates are exactly what a rebuild from the reviews gives.
    const published = await db.select().from(reviews).where(inArray(reviews.id, reviewIds));
    expect(published.map((r) => r.status)).toEqual(reviewIds.map(() => 'published'));
    // The restarted API recomputes the rating groups the publishes queued (the dead one's claims were released).
    const aggregator = createRatingAggregator({ db, ratings: createRatingRepository(db), clock: () => new Date() });
    const groupsBy = Date.now() + 60_000;
    while ((await aggregator.pendingGroupRefreshes()) > 0 && Date.now() < groupsBy) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await aggregator.pendingGroupRefreshes()).toBe(0);
    const rebuilt = await aggregator.rebuildAll({ apply: false });
    expect(rebuilt.differences).toEqual([]);

    // Search: whatever the killed process had leased is taken up by the new one once its lease runs out.
    const until = Date.now() + 60_000;
    let pending = Infinity;
    while (Date.now() < until) {
      pending = (await db.select({ id: searchOutbox.id }).from(searchOutbox).where(isNull(searchOutbox.processedAt)))
        .length;
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(pending).toBe(0);
  }, 240_000);
});
