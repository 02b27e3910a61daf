// The money journey through the API on the real Postgres: open a budget, request a quote, quote, accept from
// the budget, start, invoice, approve, pay, complete, and read the statement back as CSV. Then bad input to
// the budget itself, each a 4xx problem+json with the ledger unchanged, idempotent replays of every
// money-moving request, the ledger and statements, and notifications. Bookings and invoices on their own are
// in bookings.test.ts and invoices.test.ts.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BookingDetail, BudgetDetail, NotificationList, Page } from '@care-assist/domain';
import { eq } from 'drizzle-orm';
import { brokerageFees, budgetLedger } from '@care-assist/db';
import { makePerson, type Person } from './helpers/factories.ts';
import { BUDGET_PERIOD, ledgerRowCount, seenQuote, useMoneyApp, type MoneyApp } from './helpers/budgets.ts';
import { expectProblem, type TestContext } from './helpers/test-app.ts';

const money = useMoneyApp();
const { call, at, openBudget, quotedBooking, figures } = money;
let ctx: TestContext;
let admin: Person;
let provider: MoneyApp['provider'];
beforeAll(() => {
  ({ ctx, admin, provider } = money);
});
let holder: Person;
beforeAll(async () => {
  holder = await makePerson(ctx, 'resident', 'David Holder');
});

describe('the whole journey', () => {
  it('opens a budget, books care from it, invoices, pays, completes and gives a statement that adds up', async () => {
    const budget = await openBudget(holder, 1_000_000);
    expect(budget.figures).toEqual({
      allocatedPence: 1_000_000,
      adjustmentsPence: 0,
      committedPence: 0,
      paidPence: 0,
      availablePence: 1_000_000,
    });

    // Request -> quote: the provider is notified of the request and the holder of the quote.
    const bookingId = await quotedBooking(holder, 35_000);
    const providerNews = (await call(provider.member, 'GET', '/api/v1/notifications')).json<NotificationList>();
    expect(providerNews.items.map((n) => n.kind)).toContain('quote_requested');
    const holderNews = (await call(holder, 'GET', '/api/v1/notifications')).json<NotificationList>();
    expect(holderNews.unreadCount).toBe(1);
    expect(holderNews.items[0]).toMatchObject({ kind: 'quoted', link: `/bookings/${bookingId}` });

    // Messages both ways.
    await call(holder, 'POST', `/api/v1/bookings/${bookingId}/messages`, { body: 'Can carers arrive by 8am?' });
    const replied = await call(provider.member, 'POST', `/api/v1/bookings/${bookingId}/messages`, {
      body: 'Yes, 7:45 is fine.',
    });
    expect(replied.json<BookingDetail>().messages.map((m) => [m.fromProvider, m.body])).toEqual([
      [false, 'Can carers arrive by 8am?'],
      [true, 'Yes, 7:45 is fine.'],
    ]);

    // Accept from the budget: four weeks at £350 are committed.
    const accepted = await call(holder, 'POST', `/api/v1/bookings/${bookingId}/accept`, {
      funding: 'budget',
      ...(await seenQuote(ctx, holder, bookingId)),
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<BookingDetail>()).toMatchObject({ status: 'accepted', committedPence: 140_000 });
    expect((await figures(holder, budget.id)).figures).toMatchObject({
      committedPence: 140_000,
      availablePence: 860_000,
    });

    // Start, then invoice a delivered week.
    expect((await call(provider.member, 'POST', `/api/v1/bookings/${bookingId}/start`)).statusCode).toBe(200);
    at('2026-06-15T09:00:00Z');
    const invoiced = await call(provider.member, 'POST', `/api/v1/bookings/${bookingId}/invoices`, {
      periodStart: '2026-06-08',
      periodEnd: '2026-06-14',
      hours: 10,
      amountPence: 35_000,
    });
    expect(invoiced.statusCode, invoiced.body).toBe(201);
    const invoiceId = invoiced.json<BookingDetail>().invoices[0]!.id;

    // Approve, then pay: money moves from committed to paid, and the brokerage fee is council income.
    expect((await call(holder, 'POST', `/api/v1/invoices/${invoiceId}/approve`)).statusCode).toBe(200);
    const paid = await call(holder, 'POST', `/api/v1/invoices/${invoiceId}/pay`);
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json<BookingDetail>().invoices[0]).toMatchObject({ status: 'paid', brokerageFeePence: 875 });
    expect((await figures(holder, budget.id)).figures).toMatchObject({
      committedPence: 105_000,
      paidPence: 35_000,
      availablePence: 860_000,
    });
    const fees = await ctx.database.handle.db.select().from(brokerageFees);
    expect(fees).toHaveLength(1);
    expect(fees[0]).toMatchObject({ invoicePence: 35_000, feePercent: 2.5, feePence: 875 });
    const income = await call(admin, 'GET', '/api/v1/budgets/brokerage-income');
    expect(income.json()).toMatchObject({
      totalPence: 875,
      byMonth: [{ month: '2026-06', feePence: 875, invoices: 1 }],
      byProvider: [{ organisationId: provider.organisation.id, feePence: 875 }],
    });

    // Completing early releases what was not spent.
    at('2026-06-20T09:00:00Z');
    const completed = await call(provider.member, 'POST', `/api/v1/bookings/${bookingId}/complete`);
    expect(completed.statusCode, completed.body).toBe(200);
    const detail = completed.json<BookingDetail>();
    expect(detail.committedPence).toBe(0);
    expect(detail.history.map((h) => h.toStatus)).toEqual(['requested', 'quoted', 'accepted', 'active', 'completed']);
    const after = await figures(holder, budget.id);
    expect(after.figures).toEqual({
      allocatedPence: 1_000_000,
      adjustmentsPence: 0,
      committedPence: 0,
      paidPence: 35_000,
      availablePence: 965_000,
    });
    expect(after.entries.map((e) => [e.kind, e.amountPence, e.availableAfterPence])).toEqual([
      ['allocation', 1_000_000, 1_000_000],
      ['commitment', -140_000, 860_000],
      ['release', 35_000, 895_000],
      ['payment', -35_000, 860_000],
      ['release', 105_000, 965_000],
    ]);

    // The statement, parsed back as a spreadsheet would.
    const statement = await call(
      holder,
      'GET',
      `/api/v1/budgets/${budget.id}/statement.csv?from=2026-06-02&to=2026-06-30`,
    );
    expect(statement.statusCode).toBe(200);
    expect(statement.headers['content-type']).toMatch(/^text\/csv/);
    expect(statement.headers['content-disposition']).toMatch(/attachment; filename="budget-ECC-PB-.*\.csv"/);
    const rows: string[][] = parse(statement.body, { bom: true });
    expect(rows[0]).toEqual(['Date', 'Type', 'Description', 'Booking', 'Amount (GBP)', 'Available after (GBP)']);
    // The allocation and the commitment were on 1 June, before the range: they make the opening figure.
    expect(rows[1]).toEqual([
      '2026-06-02',
      'Opening balance',
      'Available at the start of 2026-06-02',
      '',
      '',
      '8600.00',
    ]);
    expect(rows.slice(2, -1).map((r) => [r[1], r[4], r[5]])).toEqual([
      ['Release', '350.00', '8950.00'],
      ['Payment', '-350.00', '8600.00'],
      ['Release', '1050.00', '9650.00'],
    ]);
    expect(rows.at(-1)!.slice(0, 2)).toEqual(['2026-06-30', 'Closing balance']);
    expect(rows.at(-1)![5]).toBe('9650.00');
    // Descriptions with commas survive quoting.
    expect(rows.some((r) => r[2]!.includes(':'))).toBe(true);
  });
});

describe('bad input changes nothing', () => {
  let budget: BudgetDetail;
  let holder: Person;

  beforeAll(async () => {
    at('2026-06-01T10:00:00Z');
    holder = await makePerson(ctx, 'resident', 'Bea Holder');
    budget = await openBudget(holder, 300_000);
  });

  it.each([
    ['zero', 0],
    ['negative', -500],
    ['huge', 100_000_001],
    ['fractional', 12.5],
  ])('refuses an allocation that is %s', async (_label, amountPence) => {
    const before = await ledgerRowCount(ctx.database.handle.db);
    const res = await call(admin, 'POST', `/api/v1/budgets/${budget.id}/entries`, {
      kind: 'allocation',
      amountPence,
      reason: 'Top up',
    });
    const problem = expectProblem(res, 400);
    expect(problem.errors?.map((e) => e.field)).toContain('amountPence');
    expect(await ledgerRowCount(ctx.database.handle.db)).toBe(before);
  });

  it('refuses an adjustment that would take the budget below what is committed and paid', async () => {
    const before = await ledgerRowCount(ctx.database.handle.db);
    const res = await call(admin, 'POST', `/api/v1/budgets/${budget.id}/entries`, {
      kind: 'adjustment',
      amountPence: -300_001,
      reason: 'Reassessment',
    });
    expectProblem(res, 409);
    expect(await ledgerRowCount(ctx.database.handle.db)).toBe(before);
  });

  it('refuses to open a budget whose period ends before it starts', async () => {
    const res = await call(admin, 'POST', '/api/v1/budgets', {
      holderEmail: holder.email,
      councilReference: 'ECC-BACKWARDS',
      startsOn: '2026-04-01',
      endsOn: '2026-03-31',
      allocatedPence: 1000,
    });
    expect(expectProblem(res, 400).errors?.[0]?.field).toBe('endsOn');
  });
});

describe('idempotency', () => {
  it('replays every money-moving request with the same key: same answer, no money moved', async () => {
    at('2026-06-01T10:00:00Z');
    const who = await makePerson(ctx, 'resident');
    const db = ctx.database.handle.db;
    const replay = async (person: Person, url: string, body: unknown) => {
      const key = randomUUID();
      const first = await call(person, 'POST', url, body, key);
      expect(first.statusCode, first.body).toBeLessThan(300);
      const rows = await ledgerRowCount(db);
      const second = await call(person, 'POST', url, body, key);
      expect(second.statusCode).toBe(first.statusCode);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.json()).toEqual(first.json());
      expect(await ledgerRowCount(db)).toBe(rows);
      // The same key with a different body is refused, and still moves nothing.
      const different = await call(person, 'POST', url, { ...(body as object), sneaky: 1 }, key);
      expect([400, 422]).toContain(different.statusCode);
      const otherBody = await call(person, 'POST', url.includes('entries') ? url : url, body, key);
      expect(otherBody.statusCode).toBe(first.statusCode);
      expect(await ledgerRowCount(db)).toBe(rows);
      return first;
    };

    const opened = await replay(admin, '/api/v1/budgets', {
      holderEmail: who.email,
      councilReference: `ECC-IDEM-${randomUUID().slice(0, 6)}`,
      ...BUDGET_PERIOD,
      allocatedPence: 400_000,
    });
    const budgetId = opened.json<BudgetDetail>().id;
    await replay(admin, `/api/v1/budgets/${budgetId}/entries`, {
      kind: 'allocation',
      amountPence: 5_000,
      reason: 'Top up',
    });
    const id = await quotedBooking(who, 20_000);
    await replay(who, `/api/v1/bookings/${id}/accept`, { funding: 'budget', ...(await seenQuote(ctx, who, id)) });
    await call(provider.member, 'POST', `/api/v1/bookings/${id}/start`);
    at('2026-06-20T10:00:00Z');
    const invoiced = await replay(provider.member, `/api/v1/bookings/${id}/invoices`, {
      periodStart: '2026-06-08',
      periodEnd: '2026-06-14',
      hours: 10,
      amountPence: 20_000,
    });
    expect(invoiced.json<BookingDetail>().invoices).toHaveLength(1);
    const invoiceId = invoiced.json<BookingDetail>().invoices[0]!.id;
    await replay(who, `/api/v1/invoices/${invoiceId}/approve`, {});
    await replay(who, `/api/v1/invoices/${invoiceId}/pay`, {});
    await replay(provider.member, `/api/v1/bookings/${id}/complete`, {});

    const id2 = await quotedBooking(who, 20_000, '2026-07-01');
    await call(who, 'POST', `/api/v1/bookings/${id2}/accept`, {
      funding: 'budget',
      ...(await seenQuote(ctx, who, id2)),
    });
    await replay(who, `/api/v1/bookings/${id2}/cancel`, { reason: 'Changed my mind' });

    const final = await figures(who, budgetId);
    expect(final.figures).toEqual({
      allocatedPence: 405_000,
      adjustmentsPence: 0,
      committedPence: 0,
      paidPence: 20_000,
      availablePence: 385_000,
    });
    expect((await call(who, 'GET', `/api/v1/bookings/${id}`)).json<BookingDetail>().invoices).toHaveLength(1);
  });

  it('answers 422 when a key is reused for a different request on another route', async () => {
    const who = await makePerson(ctx, 'resident');
    const key = randomUUID();
    const budget = await call(
      admin,
      'POST',
      '/api/v1/budgets',
      {
        holderEmail: who.email,
        councilReference: `ECC-K-${randomUUID().slice(0, 6)}`,
        ...BUDGET_PERIOD,
        allocatedPence: 100,
      },
      key,
    );
    expect(budget.statusCode).toBe(201);
    const before = await ledgerRowCount(ctx.database.handle.db);
    const reused = await call(
      admin,
      'POST',
      `/api/v1/budgets/${budget.json<BudgetDetail>().id}/entries`,
      { kind: 'allocation', amountPence: 100, reason: 'Top up' },
      key,
    );
    expect(expectProblem(reused, 422).detail).toMatch(/Idempotency-Key/);
    expect(await ledgerRowCount(ctx.database.handle.db)).toBe(before);
  });
});

describe('the ledger and statements', () => {
  it('is append-only in the database itself: an UPDATE or DELETE of an entry is refused', async () => {
    const db = ctx.database.handle.db;
    const [entry] = await db.select().from(budgetLedger).limit(1);
    expect(entry).toBeDefined();
    await expect(
      db.update(budgetLedger).set({ amountPence: 1 }).where(eq(budgetLedger.id, entry!.id)),
    ).rejects.toThrow();
    await expect(db.delete(budgetLedger).where(eq(budgetLedger.id, entry!.id))).rejects.toThrow();
    const [again] = await db.select().from(budgetLedger).where(eq(budgetLedger.id, entry!.id));
    expect(again!.amountPence).toBe(entry!.amountPence);
  });

  it('refuses a statement whose range ends before it starts', async () => {
    const [budget] = (await call(holder, 'GET', '/api/v1/budgets')).json<Page<BudgetDetail>>().items;
    const res = await call(holder, 'GET', `/api/v1/budgets/${budget!.id}/statement.csv?from=2026-06-30&to=2026-06-01`);
    expect(expectProblem(res, 400).errors?.[0]?.field).toBe('to');
  });

  it('keeps spreadsheet formulas out of the statement', async () => {
    const who = await makePerson(ctx, 'resident');
    const budget = await openBudget(who, 1000);
    await call(admin, 'POST', `/api/v1/budgets/${budget.id}/entries`, {
      kind: 'adjustment',
      amountPence: 100,
      reason: '=HYPERLINK("http://evil.example","click")',
    });
    const res = await call(who, 'GET', `/api/v1/budgets/${budget.id}/statement.csv`);
    const rows: string[][] = parse(res.body, { bom: true });
    expect(rows.find((r) => r[1] === 'Adjustment')![2]).toBe('\'=HYPERLINK("http://evil.example","click")');
  });
});

describe('notifications', () => {
  it('counts unread, marks one read, and will not touch someone else’s', async () => {
    const before = (await call(holder, 'GET', '/api/v1/notifications')).json<NotificationList>();
    const unread = before.items.find((n) => !n.readAt)!;
    expect(unread).toBeDefined();
    expectProblem(await call(provider.member, 'POST', `/api/v1/notifications/${unread.id}/read`), 404);
    expect((await call(holder, 'POST', `/api/v1/notifications/${unread.id}/read`)).statusCode).toBe(204);
    const after = (await call(holder, 'GET', '/api/v1/notifications')).json<NotificationList>();
    expect(after.unreadCount).toBe(before.unreadCount - 1);
    expect((await call(holder, 'POST', '/api/v1/notifications/read-all')).statusCode).toBe(204);
    expect((await call(holder, 'GET', '/api/v1/notifications')).json<NotificationList>().unreadCount).toBe(0);
  });
});
