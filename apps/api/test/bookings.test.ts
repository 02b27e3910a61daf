// Bookings through the API on the real Postgres: what accepting, cancelling and self-funding do to the budget,
// and bad input to requests, quotes and acceptance, each a 4xx problem+json with the ledger unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BookingDetail, BudgetDetail, NotificationList, Page } from '@care-assist/domain';
import { makePerson, makeProvider, makeService, type Person } from './helpers/factories.ts';
import { ledgerRowCount, seenQuote, useMoneyApp, type MoneyApp } from './helpers/budgets.ts';
import { expectProblem, type TestContext } from './helpers/test-app.ts';

const money = useMoneyApp();
const { call, at, openBudget, quotedBooking, figures, expectNoMoneyMoved } = money;
let ctx: TestContext;
let provider: MoneyApp['provider'];
beforeAll(() => {
  ({ ctx, provider } = money);
});

describe('bookings and the budget', () => {
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
});

describe('bad input changes nothing', () => {
  let bookingId: string;
  let holder: Person;

  beforeAll(async () => {
    at('2026-06-01T10:00:00Z');
    holder = await makePerson(ctx, 'resident', 'Bea Holder');
    await openBudget(holder, 300_000);
    bookingId = await quotedBooking(holder, 10_000);
  });

  it.each([0, -1, 1.5, 100_000_001])('refuses a quote of %s pence a week', async (weeklyPence) => {
    const res = await call(provider.member, 'POST', `/api/v1/bookings/${bookingId}/quote`, {
      weeklyPence,
      startDate: '2026-06-08',
      terms: 'x'.repeat(10),
    });
    expectProblem(res, 400);
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
});
