// The money journey through the API on the real Postgres: open a budget, request a quote, quote, accept from
// the budget, start, invoice, approve, pay, complete, and read the statement back as CSV. Then bad input,
// each a 4xx problem+json with the ledger unchanged, and idempotent replays of every money-moving request.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BookingDetail, BudgetDetail, DisputedInvoice, NotificationList, Page } from '@care-assist/domain';
import { eq } from 'drizzle-orm';
import { brokerageFees, budgetLedger } from '@care-assist/db';
import { makeService } from './helpers/factories.ts';
import { caller, ledgerRowCount, makePerson, makeProvider, type Person, seenQuote } from './helpers/budgets.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
let call: ReturnType<typeof caller>;
let admin: Person;
let holder: Person;
let provider: Awaited<ReturnType<typeof makeProvider>>;

const PERIOD = { startsOn: '2026-04-01', endsOn: '2027-03-31' };
const at = (iso: string) => (ctx.clock.now = new Date(iso));

beforeAll(async () => {
  ctx = await buildTestApp({ BROKERAGE_FEE_PERCENT: '2.5' });
  call = caller(ctx);
  admin = await makePerson(ctx, 'admin', 'Amira Council');
  holder = await makePerson(ctx, 'resident', 'David Holder');
  provider = await makeProvider(ctx);
});
afterAll(() => ctx.close());
beforeEach(() => at('2026-06-01T10:00:00Z'));

let referenceCounter = 0;
async function openBudget(who: Person, allocatedPence: number) {
  const res = await call(admin, 'POST', '/api/v1/budgets', {
    holderEmail: who.email,
    councilReference: `ECC-PB-${++referenceCounter}-${randomUUID().slice(0, 4)}`,
    ...PERIOD,
    allocatedPence,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<BudgetDetail>();
}

async function quotedBooking(who: Person, weeklyPence: number, startDate = '2026-06-08', durationWeeks = 4) {
  const requested = await call(who, 'POST', '/api/v1/bookings', {
    serviceId: provider.service.id,
    careType: 'home_care',
    hoursPerWeek: 10,
    startDate,
    durationWeeks,
    notes: 'Help with washing and dressing in the mornings.',
  });
  expect(requested.statusCode, requested.body).toBe(201);
  const id = requested.json<BookingDetail>().id;
  const quoted = await call(provider.member, 'POST', `/api/v1/bookings/${id}/quote`, {
    weeklyPence,
    startDate,
    terms: 'Four weeks notice either way.',
  });
  expect(quoted.statusCode, quoted.body).toBe(200);
  return id;
}

const figures = async (who: Person, id: string) =>
  (await call(who, 'GET', `/api/v1/budgets/${id}`)).json<BudgetDetail>();

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

  it('cancelling an accepted booking releases the whole commitment', async () => {
    const who = await makePerson(ctx, 'resident');
    const budget = await openBudget(who, 500_000);
    const id = await quotedBooking(who, 20_000, '2026-07-01', 2);
    await call(who, 'POST', `/api/v1/bookings/${id}/accept`, { funding: 'budget', ...(await seenQuote(ctx, who, id)) });
    expect((await figures(who, budget.id)).figures.committedPence).toBe(40_000);
    const cancelled = await call(who, 'POST', `/api/v1/bookings/${id}/cancel`, { reason: 'Moved in with family' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await figures(who, budget.id)).figures).toMatchObject({ committedPence: 0, availablePence: 500_000 });
    const providerNews = (await call(provider.member, 'GET', '/api/v1/notifications')).json<NotificationList>();
    expect(providerNews.items[0]).toMatchObject({ kind: 'cancelled' });
  });

  it('commits only to the end of the budget period, pro-rating the part week', async () => {
    const who = await makePerson(ctx, 'resident');
    const budget = await openBudget(who, 500_000);
    at('2027-03-20T10:00:00Z');
    const id = await quotedBooking(who, 70_000, '2027-03-29', 4);
    const accepted = await call(who, 'POST', `/api/v1/bookings/${id}/accept`, {
      funding: 'budget',
      ...(await seenQuote(ctx, who, id)),
    });
    expect(accepted.json<BookingDetail>().committedPence).toBe(30_000); // 29, 30, 31 March
    expect((await figures(who, budget.id)).figures.availablePence).toBe(470_000);
  });

  it('a self-funded acceptance moves no budget money', async () => {
    const who = await makePerson(ctx, 'resident');
    const budget = await openBudget(who, 100_000);
    const id = await quotedBooking(who, 20_000);
    const accepted = await call(who, 'POST', `/api/v1/bookings/${id}/accept`, {
      funding: 'self_funded',
      ...(await seenQuote(ctx, who, id)),
    });
    expect(accepted.json<BookingDetail>()).toMatchObject({ status: 'accepted', funding: 'self_funded' });
    expect(await ledgerRowCount(ctx.database.handle.db, budget.id)).toBe(1);
  });

  it('disputes hold an invoice until council staff resolve it', async () => {
    const who = await makePerson(ctx, 'resident');
    await openBudget(who, 500_000);
    const id = await quotedBooking(who, 20_000);
    await call(who, 'POST', `/api/v1/bookings/${id}/accept`, { funding: 'budget', ...(await seenQuote(ctx, who, id)) });
    const started = await call(provider.member, 'POST', `/api/v1/bookings/${id}/start`);
    expect(started.statusCode, started.body).toBe(200);
    at('2026-06-20T10:00:00Z');
    const invoiced = await call(provider.member, 'POST', `/api/v1/bookings/${id}/invoices`, {
      periodStart: '2026-06-08',
      periodEnd: '2026-06-14',
      hours: 10,
      amountPence: 20_000,
    });
    const invoiceId = invoiced.json<BookingDetail>().invoices[0]!.id;
    const disputed = await call(who, 'POST', `/api/v1/invoices/${invoiceId}/dispute`, { reason: 'Two visits missed' });
    expect(disputed.json<BookingDetail>().invoices[0]).toMatchObject({
      status: 'disputed',
      disputeReason: 'Two visits missed',
    });
    expectProblem(await call(who, 'POST', `/api/v1/invoices/${invoiceId}/pay`), 409);
    expectProblem(
      await call(who, 'POST', `/api/v1/invoices/${invoiceId}/resolve`, { outcome: 'approve', note: 'Looks fine' }),
      403,
    );

    // Council staff see it in the disputes list, with whose booking it is; nobody else may read that list.
    const listed = await call(admin, 'GET', '/api/v1/invoices/disputed');
    expect(listed.statusCode, listed.body).toBe(200);
    const mine = listed.json<Page<DisputedInvoice>>().items.filter((i) => i.id === invoiceId);
    expect(mine).toEqual([
      expect.objectContaining({
        bookingId: id,
        status: 'disputed',
        disputeReason: 'Two visits missed',
        amountPence: 20_000,
        serviceName: provider.service.name,
        requesterName: 'Test resident',
        disputedAt: '2026-06-20T10:00:00.000Z',
      }),
    ]);
    expect(listed.json<Page<DisputedInvoice>>().items.every((i) => i.status === 'disputed')).toBe(true);
    expectProblem(await call(who, 'GET', '/api/v1/invoices/disputed'), 403);
    expectProblem(await call(provider.member, 'GET', '/api/v1/invoices/disputed'), 403);
    expectProblem(await call(null, 'GET', '/api/v1/invoices/disputed'), 401);

    const resolved = await call(admin, 'POST', `/api/v1/invoices/${invoiceId}/resolve`, {
      outcome: 'reject',
      note: 'Provider agreed to reissue',
    });
    expect(resolved.json<BookingDetail>().invoices[0]!.status).toBe('rejected');
    const after = (await call(admin, 'GET', '/api/v1/invoices/disputed')).json<Page<DisputedInvoice>>().items;
    expect(after.some((i) => i.id === invoiceId)).toBe(false);
  });
});

describe('bad input changes nothing', () => {
  let budget: BudgetDetail;
  let bookingId: string;
  let invoiceId: string;
  let holder: Person;

  beforeAll(async () => {
    at('2026-06-01T10:00:00Z');
    holder = await makePerson(ctx, 'resident', 'Bea Holder');
    budget = await openBudget(holder, 300_000);
    bookingId = await quotedBooking(holder, 10_000);
  });

  async function expectNoMoneyMoved(response: Awaited<ReturnType<typeof call>>, status: number) {
    const before = await ledgerRowCount(ctx.database.handle.db);
    const problem = expectProblem(response, status);
    expect(await ledgerRowCount(ctx.database.handle.db)).toBe(before);
    return problem;
  }

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

  it.each([0, -1, 1.5, 100_000_001])('refuses a quote of %s pence a week', async (weeklyPence) => {
    const res = await call(provider.member, 'POST', `/api/v1/bookings/${bookingId}/quote`, {
      weeklyPence,
      startDate: '2026-06-08',
      terms: 'x'.repeat(10),
    });
    expectProblem(res, 400);
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

  it('refuses to accept from the budget when the care starts outside the budget period', async () => {
    at('2027-03-25T10:00:00Z');
    const id = await quotedBooking(holder, 10_000, '2027-04-05', 2);
    const problem = await expectNoMoneyMoved(
      await call(holder, 'POST', `/api/v1/bookings/${id}/accept`, {
        funding: 'budget',
        ...(await seenQuote(ctx, holder, id)),
      }),
      400,
    );
    expect(problem.detail).toMatch(/outside the budget period/);
  });

  it('refuses to pay from a budget where the service does not accept personal budgets, and says so', async () => {
    const db = ctx.database.handle.db;
    const selfFundedOnly = await makeService(db, {
      organisationId: provider.organisation.id,
      fundingAccepted: ['self_funded'],
    });
    const requested = await call(holder, 'POST', '/api/v1/bookings', {
      serviceId: selfFundedOnly.id,
      careType: 'home_care',
      startDate: '2026-06-08',
      durationWeeks: 4,
    });
    const id = requested.json<BookingDetail>().id;
    expect(requested.json<BookingDetail>().acceptsPersonalBudget).toBe(false);
    const quoted = await call(provider.member, 'POST', `/api/v1/bookings/${id}/quote`, {
      weeklyPence: 10_000,
      startDate: '2026-06-08',
      terms: 'Four weeks notice either way.',
    });
    expect(quoted.statusCode, quoted.body).toBe(200);
    const problem = await expectNoMoneyMoved(
      await call(holder, 'POST', `/api/v1/bookings/${id}/accept`, {
        funding: 'budget',
        ...(await seenQuote(ctx, holder, id)),
      }),
      400,
    );
    expect(problem.detail).toMatch(/does not accept personal budgets/);
    expect((await call(holder, 'GET', `/api/v1/bookings/${id}`)).json<BookingDetail>().status).toBe('quoted');
    const selfFunded = await call(holder, 'POST', `/api/v1/bookings/${id}/accept`, {
      funding: 'self_funded',
      ...(await seenQuote(ctx, holder, id)),
    });
    expect(selfFunded.statusCode, selfFunded.body).toBe(200);
  });

  it('refuses to accept when the budget cannot cover the booking, and says why', async () => {
    const id = await quotedBooking(holder, 100_000, '2026-06-08', 4);
    const problem = await expectNoMoneyMoved(
      await call(holder, 'POST', `/api/v1/bookings/${id}/accept`, {
        funding: 'budget',
        ...(await seenQuote(ctx, holder, id)),
      }),
      409,
    );
    expect(problem.detail).toMatch(/cannot cover/);
    expect((await call(holder, 'GET', `/api/v1/bookings/${id}`)).json<BookingDetail>().status).toBe('quoted');
  });

  it('refuses an accept of a quote that changed after the resident saw it, with the new figure (issue 13 #3)', async () => {
    const id = await quotedBooking(holder, 1_000, '2026-06-08', 4);
    const seen = await seenQuote(ctx, holder, id);
    expect(seen.quotedWeeklyPence).toBe(1_000);
    // The provider re-quotes £300 a week while the resident is reading the £10 quote.
    at('2026-06-01T10:05:00Z');
    const requoted = await call(provider.member, 'POST', `/api/v1/bookings/${id}/quote`, {
      weeklyPence: 30_000,
      startDate: '2026-06-08',
      terms: 'Four weeks notice either way.',
    });
    expect(requoted.statusCode, requoted.body).toBe(200);
    const problem = await expectNoMoneyMoved(
      await call(holder, 'POST', `/api/v1/bookings/${id}/accept`, { funding: 'budget', ...seen }),
      409,
    );
    expect(problem.detail).toMatch(/£300\.00 a week/);
    // Naming only the price is not enough when the version moved on (same price, newer quote).
    expectProblem(
      await call(holder, 'POST', `/api/v1/bookings/${id}/accept`, {
        funding: 'budget',
        quotedWeeklyPence: 30_000,
        quotedAt: seen.quotedAt,
      }),
      409,
    );
    expect((await call(holder, 'GET', `/api/v1/bookings/${id}`)).json<BookingDetail>().status).toBe('quoted');
    // Accepting what is now on offer, having seen it, works.
    const accepted = await call(holder, 'POST', `/api/v1/bookings/${id}/accept`, {
      funding: 'budget',
      ...(await seenQuote(ctx, holder, id)),
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await call(holder, 'POST', `/api/v1/bookings/${id}/cancel`, { reason: 'Test over' });
  });

  it('refuses a quote request for an unpublished service', async () => {
    const draft = await makeProvider(ctx, { status: 'draft' });
    const res = await call(holder, 'POST', '/api/v1/bookings', {
      serviceId: draft.service.id,
      careType: 'home_care',
      startDate: '2026-06-08',
      durationWeeks: 1,
    });
    expectProblem(res, 404);
  });

  it("refuses to let anyone accept someone else's quote", async () => {
    const stranger = await makePerson(ctx, 'resident');
    await openBudget(stranger, 1_000_000);
    await expectNoMoneyMoved(
      await call(stranger, 'POST', `/api/v1/bookings/${bookingId}/accept`, {
        funding: 'budget',
        ...(await seenQuote(ctx, stranger, bookingId)),
      }),
      404,
    );
    await expectNoMoneyMoved(
      await call(holder, 'POST', `/api/v1/bookings/${bookingId}/accept`, {
        funding: 'budget',
        ...(await seenQuote(ctx, holder, bookingId)),
        budgetAccountId: (await call(stranger, 'GET', '/api/v1/budgets')).json<Page<BudgetDetail>>().items[0]!.id,
      }),
      400,
    );
  });

  it('refuses a money-moving request without an Idempotency-Key', async () => {
    const problem = await expectNoMoneyMoved(
      await call(
        holder,
        'POST',
        `/api/v1/bookings/${bookingId}/accept`,
        { funding: 'budget', ...(await seenQuote(ctx, holder, bookingId)) },
        false,
      ),
      400,
    );
    expect(problem.errors?.map((e) => e.field)).toContain('idempotency-key');
  });

  it('accepts once; a second accept with a new key is an illegal transition (409)', async () => {
    const first = await call(holder, 'POST', `/api/v1/bookings/${bookingId}/accept`, {
      funding: 'budget',
      ...(await seenQuote(ctx, holder, bookingId)),
    });
    expect(first.statusCode, first.body).toBe(200);
    await expectNoMoneyMoved(
      await call(holder, 'POST', `/api/v1/bookings/${bookingId}/accept`, {
        funding: 'budget',
        ...(await seenQuote(ctx, holder, bookingId)),
      }),
      409,
    );
  });

  it('refuses an invoice before the care starts, for the future, or for a period that ends before it starts', async () => {
    expectProblem(
      await call(provider.member, 'POST', `/api/v1/bookings/${bookingId}/invoices`, {
        periodStart: '2026-06-08',
        periodEnd: '2026-06-14',
        hours: 10,
        amountPence: 10_000,
      }),
      400, // 1 June: the period is in the future
    );
    await call(provider.member, 'POST', `/api/v1/bookings/${bookingId}/start`);
    at('2026-06-20T10:00:00Z');
    expectProblem(
      await call(provider.member, 'POST', `/api/v1/bookings/${bookingId}/invoices`, {
        periodStart: '2026-06-01',
        periodEnd: '2026-06-07',
        hours: 10,
        amountPence: 10_000,
      }),
      400,
    );
    expectProblem(
      await call(provider.member, 'POST', `/api/v1/bookings/${bookingId}/invoices`, {
        periodStart: '2026-06-14',
        periodEnd: '2026-06-08',
        hours: 10,
        amountPence: 10_000,
      }),
      400,
    );
    const ok = await call(provider.member, 'POST', `/api/v1/bookings/${bookingId}/invoices`, {
      periodStart: '2026-06-08',
      periodEnd: '2026-06-14',
      hours: 10,
      amountPence: 10_000,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    invoiceId = ok.json<BookingDetail>().invoices[0]!.id;
  });

  it('refuses to pay an invoice before approval, and refuses to pay it twice', async () => {
    await expectNoMoneyMoved(await call(holder, 'POST', `/api/v1/invoices/${invoiceId}/pay`), 409);
    await call(holder, 'POST', `/api/v1/invoices/${invoiceId}/approve`);
    const paid = await call(holder, 'POST', `/api/v1/invoices/${invoiceId}/pay`);
    expect(paid.statusCode, paid.body).toBe(200);
    const problem = await expectNoMoneyMoved(await call(holder, 'POST', `/api/v1/invoices/${invoiceId}/pay`), 409);
    expect(problem.detail).toMatch(/Paid/);
    expect((await figures(holder, budget.id)).figures.paidPence).toBe(10_000);
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
      ...PERIOD,
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
      { holderEmail: who.email, councilReference: `ECC-K-${randomUUID().slice(0, 6)}`, ...PERIOD, allocatedPence: 100 },
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
