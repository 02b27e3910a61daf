// Invoices through the API on the real Postgres: disputes and their resolution by council staff, and bad input
// to issuing and paying, each a 4xx problem+json with the ledger unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BookingDetail, BudgetDetail, DisputedInvoice, Page } from '@care-assist/domain';
import { makePerson, type Person } from './helpers/factories.ts';
import { seenQuote, useMoneyApp, type MoneyApp } from './helpers/budgets.ts';
import { expectProblem, type TestContext } from './helpers/test-app.ts';

const money = useMoneyApp();
const { call, at, openBudget, quotedBooking, figures, expectNoMoneyMoved } = money;
let ctx: TestContext;
let admin: Person;
let provider: MoneyApp['provider'];
beforeAll(() => {
  ({ ctx, admin, provider } = money);
});

describe('disputes', () => {
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

  // A booking accepted from the budget, not yet started.
  beforeAll(async () => {
    at('2026-06-01T10:00:00Z');
    holder = await makePerson(ctx, 'resident', 'Bea Holder');
    budget = await openBudget(holder, 300_000);
    bookingId = await quotedBooking(holder, 10_000);
    const accepted = await call(holder, 'POST', `/api/v1/bookings/${bookingId}/accept`, {
      funding: 'budget',
      ...(await seenQuote(ctx, holder, bookingId)),
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
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
