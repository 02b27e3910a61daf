// The scheduled purge removes exactly what is past its retention period and keeps everything else.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountTokens,
  bookingMessages,
  bookings,
  budgetAccounts,
  budgetLedger,
  emailRequestThrottles,
  idempotencyKeys,
  outboundMessages,
  refreshTokens,
  searchEvents,
  searchOutbox,
  users,
} from '@care-assist/db';
import { createRetention } from '../src/modules/retention/retention.ts';
import { createRetentionRepository } from '../src/modules/retention/repository.ts';
import { financialRecordsCutoff } from '../src/modules/retention/financial-records.ts';
import { makeOrganisation, makeService, makeUserRow } from './helpers/factories.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.ts';

const NOW = new Date('2026-11-30T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);
const policy = {
  processedOutboxDays: 7,
  idempotencyKeyDays: 30,
  searchEventDays: 730,
  emailDays: 30,
  financialRecordYears: 6,
};

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('retention purge', () => {
  it('deletes processed outbox rows, idempotency keys, expired refresh tokens and search events past their period', async () => {
    const db = database.handle.db;
    const [user] = await db
      .insert(users)
      .values({ email: `r-${randomUUID()}@example.test`, passwordHash: 'x', displayName: 'R', role: 'resident' })
      .returning();
    const serviceId = randomUUID();
    await db.insert(searchOutbox).values([
      { aggregateId: serviceId, processedAt: daysAgo(8), createdAt: daysAgo(8) }, // purged
      { aggregateId: serviceId, processedAt: daysAgo(6), createdAt: daysAgo(6) }, // kept: recent
      { aggregateId: serviceId, processedAt: null, createdAt: daysAgo(90) }, // kept: not yet applied
    ]);
    const key = (days: number) => ({
      userId: user!.id,
      key: randomUUID(),
      route: 'POST /api/v1/x',
      requestHash: 'h',
      createdAt: daysAgo(days),
    });
    await db.insert(idempotencyKeys).values([key(31), key(29)]);
    const token = (expiresInDays: number) => ({
      userId: user!.id,
      familyId: randomUUID(),
      tokenHash: randomUUID(),
      expiresAt: daysAgo(-expiresInDays),
    });
    await db.insert(refreshTokens).values([token(-1), token(1)]);
    const event = (days: number) => ({
      filters: {},
      resultCount: 1,
      backend: 'postgres' as const,
      occurredAt: daysAgo(days),
    });
    await db.insert(searchEvents).values([event(731), event(729), event(1)]);
    const email = (sentDaysAgo: number | null, failedDaysAgo: number | null = null) => ({
      to: 'someone@example.test',
      subject: 'S',
      body: 'B',
      sentAt: sentDaysAgo === null ? null : daysAgo(sentDaysAgo),
      failedAt: failedDaysAgo === null ? null : daysAgo(failedDaysAgo),
      createdAt: daysAgo(60),
    });
    // Purged: sent 31 days ago, given up 31 days ago. Kept: sent 29 days ago, still waiting to be sent.
    await db.insert(outboundMessages).values([email(31), email(null, 31), email(29), email(null)]);
    const link = (expiredDaysAgo: number) => ({
      userId: user!.id,
      purpose: 'reset_password' as const,
      tokenHash: randomUUID(),
      email: 'someone@example.test',
      expiresAt: daysAgo(expiredDaysAgo),
    });
    await db.insert(accountTokens).values([link(2), link(0.5), link(-1)]);
    await db.insert(emailRequestThrottles).values([
      { key: 'old', count: 3, windowStart: daysAgo(2) },
      { key: 'new', count: 3, windowStart: daysAgo(0.01) },
    ]);

    const retention = createRetention({ db, retention: createRetentionRepository(db), policy, clock: () => NOW });
    expect(await retention.purge()).toEqual({
      processedOutboxRows: 1,
      idempotencyKeys: 1,
      refreshTokens: 1,
      searchEvents: 1,
      emails: 2,
      accountTokens: 1,
      emailThrottles: 1,
      expiredBookingTexts: 0,
      ran: true,
    });

    const count = async (
      table:
        | typeof searchOutbox
        | typeof idempotencyKeys
        | typeof refreshTokens
        | typeof searchEvents
        | typeof outboundMessages
        | typeof accountTokens
        | typeof emailRequestThrottles,
    ) => (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
    expect(await count(searchOutbox)).toBe(2);
    expect(await count(idempotencyKeys)).toBe(1);
    expect(await count(refreshTokens)).toBe(1);
    expect(await count(searchEvents)).toBe(2);
    expect(await count(outboundMessages)).toBe(2);
    expect(await count(accountTokens)).toBe(2);
    expect(await count(emailRequestThrottles)).toBe(1);

    // Nothing left to purge: a second run deletes nothing.
    expect(await retention.purge()).toMatchObject({
      processedOutboxRows: 0,
      idempotencyKeys: 0,
      refreshTokens: 0,
      searchEvents: 0,
    });
  });

  it('lets only one process purge at a time', async () => {
    const db = database.handle.db;
    const retention = createRetention({ db, retention: createRetentionRepository(db), policy, clock: () => NOW });
    const client = await database.handle.pool.connect();
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock(7316002518)');
      expect((await retention.purge()).ran).toBe(false);
      await client.query('commit');
    } finally {
      client.release();
    }
    expect((await retention.purge()).ran).toBe(true);
  });
});

describe("a deleted account's financial records", () => {
  it('keep their figures for good and their text until six years after their financial year', () => {
    // Financial years run 1 April to 31 March: 2019-20 ended 31 March 2020 and is kept until 1 April 2026.
    expect(financialRecordsCutoff(NOW, 6)).toEqual(new Date('2020-04-01T00:00:00Z'));
    expect(financialRecordsCutoff(new Date('2026-03-31T23:00:00Z'), 6)).toEqual(new Date('2019-04-01T00:00:00Z'));
  });

  it('lose their remaining text once the period is over, while the ledger is untouched', async () => {
    const db = database.handle.db;
    const organisation = await makeOrganisation(db);
    const service = await makeService(db, { organisationId: organisation.id });
    const provider = await makeUserRow(db, { role: 'provider' });
    const erased = await makeUserRow(db, {
      role: 'resident',
      erasedAt: NOW,
      disabledAt: NOW,
      displayName: 'Former user',
    });
    const active = await makeUserRow(db, { role: 'resident' });
    const [budget] = await db
      .insert(budgetAccounts)
      .values({
        holderId: erased.id,
        councilReference: `ECC-${randomUUID().slice(0, 6)}`,
        startsOn: '2019-04-01',
        endsOn: '2020-03-31',
        createdBy: provider.id,
      })
      .returning();
    const booking = async (requesterId: string, updatedAt: Date) => {
      const [row] = await db
        .insert(bookings)
        .values({
          requesterId,
          serviceId: service.id,
          careType: 'home_care',
          startDate: '2019-06-03',
          durationWeeks: 4,
          notes: 'Mum is at 4 Mill Lane, the key is under the pot',
          status: 'completed',
          quoteTerms: 'Four weeks, weekday mornings',
          updatedAt,
        })
        .returning();
      await db.insert(bookingMessages).values({ bookingId: row!.id, authorId: provider.id, body: 'See you Monday' });
      return row!;
    };
    const old = await booking(erased.id, new Date('2020-03-30T10:00:00Z')); // 2019-20: over on 1 April 2026
    const recent = await booking(erased.id, new Date('2020-04-02T10:00:00Z')); // 2020-21: kept until 1 April 2027
    const someoneActive = await booking(active.id, new Date('2019-05-01T10:00:00Z')); // not deleted: kept
    await db.insert(budgetLedger).values({
      budgetAccountId: budget!.id,
      bookingId: old.id,
      kind: 'payment',
      amountPence: -30_000,
      reason: 'Invoice paid',
      createdBy: provider.id,
      createdAt: new Date('2020-03-30T10:00:00Z'),
    });
    const ledgerBefore = await db.select().from(budgetLedger).where(eq(budgetLedger.budgetAccountId, budget!.id));

    const report = await createRetention({
      db,
      retention: createRetentionRepository(db),
      policy,
      clock: () => NOW,
    }).purge();
    expect(report.expiredBookingTexts).toBe(1);

    const read = async (id: string) => {
      const [row] = await db.select().from(bookings).where(eq(bookings.id, id));
      const messages = await db.select().from(bookingMessages).where(eq(bookingMessages.bookingId, id));
      return { notes: row!.notes, quoteTerms: row!.quoteTerms, messages: messages.length, status: row!.status };
    };
    expect(await read(old.id)).toEqual({ notes: '', quoteTerms: null, messages: 0, status: 'completed' });
    expect(await read(recent.id)).toMatchObject({ quoteTerms: 'Four weeks, weekday mornings', messages: 1 });
    expect(await read(someoneActive.id)).toMatchObject({ quoteTerms: 'Four weeks, weekday mornings', messages: 1 });
    // The figures stay: the booking row and every ledger entry, so the budget still adds up.
    expect(await db.select().from(budgetLedger).where(eq(budgetLedger.budgetAccountId, budget!.id))).toEqual(
      ledgerBefore,
    );
  });
});
