// Short-hands for the money tests: calling the API as someone (with an Idempotency-Key on each POST), counting
// ledger rows, the quote a resident saw, and the app the budget, booking and invoice tests share (useMoneyApp).
// The people and providers they use come from factories.ts.
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { BookingDetail, BudgetDetail } from '@care-assist/domain';
import { budgetLedger, type Database } from '@care-assist/db';
import { makePerson, makeProvider, type Person } from './factories.ts';
import { buildTestApp, expectProblem, type TestContext } from './test-app.ts';

export function caller(ctx: TestContext) {
  return async (
    who: Person | null,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    idempotencyKey?: string | false,
  ) => {
    const headers: Record<string, string> = {};
    if (who) headers.authorization = `Bearer ${who.token}`;
    if (idempotencyKey !== false && method === 'POST') headers['idempotency-key'] = idempotencyKey ?? randomUUID();
    return ctx.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  };
}

export async function ledgerRowCount(db: Database, budgetAccountId?: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(budgetLedger)
    .where(budgetAccountId ? eq(budgetLedger.budgetAccountId, budgetAccountId) : undefined);
  return row?.n ?? 0;
}

/** ISO date `days` after today (UTC). */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * What a resident's accept names (issue 13 #3): the quote they saw, read from the booking as they would see it.
 * Someone who cannot see the booking gets a placeholder; they are refused before the quote is compared.
 */
export async function seenQuote(ctx: TestContext, who: Person, bookingId: string) {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/v1/bookings/${bookingId}`,
    headers: { authorization: `Bearer ${who.token}` },
  });
  const quote =
    res.statusCode === 200 ? res.json<{ quote: { weeklyPence: number; quotedAt: string } | null }>().quote : null;
  return quote ? { quotedWeeklyPence: quote.weeklyPence, quotedAt: quote.quotedAt } : { quotedWeeklyPence: 1 };
}

export const BUDGET_PERIOD = { startsOn: '2026-04-01', endsOn: '2027-03-31' };

/**
 * The app the budget, booking and invoice tests share (brokerage fee 2.5%), with council staff and a provider
 * with a published service, plus short-hands: open a budget, get a booking quoted, read a budget's figures,
 * set the clock. Registers the file's beforeAll/afterAll, and sets the clock to 1 June 2026 before each test.
 */
export function useMoneyApp() {
  let referenceCounter = 0;
  const app = {
    ctx: undefined as unknown as TestContext,
    admin: undefined as unknown as Person,
    provider: undefined as unknown as Awaited<ReturnType<typeof makeProvider>>,
    call: (...args: Parameters<ReturnType<typeof caller>>) => caller(app.ctx)(...args),
    at: (iso: string) => (app.ctx.clock.now = new Date(iso)),

    openBudget: async (who: Person, allocatedPence: number) => {
      const res = await app.call(app.admin, 'POST', '/api/v1/budgets', {
        holderEmail: who.email,
        councilReference: `ECC-PB-${++referenceCounter}-${randomUUID().slice(0, 4)}`,
        ...BUDGET_PERIOD,
        allocatedPence,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<BudgetDetail>();
    },

    quotedBooking: async (who: Person, weeklyPence: number, startDate = '2026-06-08', durationWeeks = 4) => {
      const requested = await app.call(who, 'POST', '/api/v1/bookings', {
        serviceId: app.provider.service.id,
        careType: 'home_care',
        hoursPerWeek: 10,
        startDate,
        durationWeeks,
        notes: 'Help with washing and dressing in the mornings.',
      });
      expect(requested.statusCode, requested.body).toBe(201);
      const id = requested.json<BookingDetail>().id;
      const quoted = await app.call(app.provider.member, 'POST', `/api/v1/bookings/${id}/quote`, {
        weeklyPence,
        startDate,
        terms: 'Four weeks notice either way.',
      });
      expect(quoted.statusCode, quoted.body).toBe(200);
      return id;
    },

    /** Expects the problem `status` for a request that was already sent, and that no ledger row was written by it. */
    expectNoMoneyMoved: async (response: Awaited<ReturnType<ReturnType<typeof caller>>>, status: number) => {
      const db = app.ctx.database.handle.db;
      const before = await ledgerRowCount(db);
      const problem = expectProblem(response, status);
      expect(await ledgerRowCount(db)).toBe(before);
      return problem;
    },

    figures: async (who: Person, id: string) =>
      (await app.call(who, 'GET', `/api/v1/budgets/${id}`)).json<BudgetDetail>(),
  };
  beforeAll(async () => {
    app.ctx = await buildTestApp({ BROKERAGE_FEE_PERCENT: '2.5' });
    app.admin = await makePerson(app.ctx, 'admin', 'Amira Council');
    app.provider = await makeProvider(app.ctx);
  });
  afterAll(() => app.ctx.close());
  beforeEach(() => app.at('2026-06-01T10:00:00Z'));
  return app;
}
export type MoneyApp = ReturnType<typeof useMoneyApp>;
