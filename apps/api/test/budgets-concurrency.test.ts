// Many requests at once against one budget, on the real Postgres: 100 simultaneous accepts, then invoice
// payments racing more accepts. Whatever order the database runs them in, committed + paid never exceeds what
// was allocated, each invoice is paid at most once, and the ledger reconciles with the figures.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetFigures, committedForBooking, type BookingDetail, type BudgetDetail } from '@care-assist/domain';
import { brokerageFees, budgetLedger, invoices } from '@care-assist/db';
import { makePerson, makeProvider, type Person } from './helpers/factories.ts';
import { caller, seenQuote } from './helpers/budgets.ts';
import { buildTestApp, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
let call: ReturnType<typeof caller>;
let holder: Person;
let budgetId: string;
let provider: Awaited<ReturnType<typeof makeProvider>>;

const ALLOCATED = 1_000_000;
const WEEKLY = 7_500; // four weeks = 30,000 committed per booking, so 33 fit and 10,000 is left over

beforeAll(async () => {
  ctx = await buildTestApp();
  call = caller(ctx);
  ctx.clock.now = new Date('2026-06-01T10:00:00Z');
  const admin = await makePerson(ctx, 'admin');
  holder = await makePerson(ctx, 'resident');
  provider = await makeProvider(ctx);
  const opened = await call(admin, 'POST', '/api/v1/budgets', {
    holderEmail: holder.email,
    councilReference: 'ECC-RACE-1',
    startsOn: '2026-04-01',
    endsOn: '2027-03-31',
    allocatedPence: ALLOCATED,
  });
  budgetId = opened.json<BudgetDetail>().id;
});
afterAll(() => ctx.close());

async function quotedBookings(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const requested = await call(holder, 'POST', '/api/v1/bookings', {
      serviceId: provider.service.id,
      careType: 'home_care',
      hoursPerWeek: 3,
      startDate: '2026-06-08',
      durationWeeks: 4,
    });
    const id = requested.json<BookingDetail>().id;
    await call(provider.member, 'POST', `/api/v1/bookings/${id}/quote`, {
      weeklyPence: WEEKLY,
      startDate: '2026-06-08',
      terms: 'Standard terms.',
    });
    ids.push(id);
  }
  return ids;
}

/** The invariants that must hold after anything: checked against the raw ledger rows, not the API's sums. */
async function expectBudgetSound() {
  const db = ctx.database.handle.db;
  const entries = await db.select().from(budgetLedger).where(eq(budgetLedger.budgetAccountId, budgetId));
  const figures = budgetFigures(entries);
  const sum = entries.reduce((s, e) => s + e.amountPence, 0);
  expect(figures.availablePence).toBe(sum);
  expect(figures.availablePence).toBeGreaterThanOrEqual(0);
  expect(figures.committedPence + figures.paidPence).toBeLessThanOrEqual(figures.allocatedPence);
  expect(figures.allocatedPence).toBe(ALLOCATED);
  for (const bookingId of new Set(entries.map((e) => e.bookingId).filter((b): b is string => !!b))) {
    expect(committedForBooking(entries, bookingId)).toBeGreaterThanOrEqual(0);
    expect(entries.filter((e) => e.bookingId === bookingId && e.kind === 'commitment')).toHaveLength(1);
  }
  // What the API reports is what the ledger says.
  const api = (await call(holder, 'GET', `/api/v1/budgets/${budgetId}`)).json<BudgetDetail>();
  expect(api.figures).toEqual(figures);
  return { entries, figures };
}

describe('100 simultaneous requests against one budget', () => {
  let accepted: string[] = [];

  it('100 accepts at once: exactly as many succeed as the budget covers, the rest are refused', async () => {
    const ids = await quotedBookings(100);
    const results = await Promise.all(
      ids.map(async (id) =>
        call(holder, 'POST', `/api/v1/bookings/${id}/accept`, {
          funding: 'budget',
          ...(await seenQuote(ctx, holder, id)),
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    accepted = ids.filter((_, i) => statuses[i] === 200);
    expect(accepted).toHaveLength(Math.floor(ALLOCATED / (WEEKLY * 4)));
    for (const refused of results.filter((r) => r.statusCode === 409)) {
      expect(refused.json<{ detail: string }>().detail).toMatch(/cannot cover/);
    }
    const { figures } = await expectBudgetSound();
    expect(figures).toMatchObject({ committedPence: accepted.length * WEEKLY * 4, paidPence: 0 });
  });

  it('payments racing with more accepts: each invoice paid once, committed + paid never above allocated', async () => {
    for (const id of accepted) await call(provider.member, 'POST', `/api/v1/bookings/${id}/start`);
    ctx.clock.now = new Date('2026-06-20T10:00:00Z');
    // Each invoice is 1,000 more than its booking's commitment, so every payment also needs available money,
    // and only ten of them can find it (10,000 is left over).
    const invoiceIds: string[] = [];
    for (const id of accepted) {
      const res = await call(provider.member, 'POST', `/api/v1/bookings/${id}/invoices`, {
        periodStart: '2026-06-08',
        periodEnd: '2026-06-19',
        hours: 12,
        amountPence: WEEKLY * 4 + 1_000,
      });
      const invoiceId = res.json<BookingDetail>().invoices[0]!.id;
      const approved = await call(holder, 'POST', `/api/v1/invoices/${invoiceId}/approve`);
      expect(approved.statusCode, approved.body).toBe(200);
      invoiceIds.push(invoiceId);
    }
    ctx.clock.now = new Date('2026-06-01T10:00:00Z');
    const moreBookings = await quotedBookings(100 - invoiceIds.length * 2);
    ctx.clock.now = new Date('2026-06-20T10:00:00Z');

    // Every invoice paid twice with different keys (a double click), racing accepts of new bookings.
    const requests = [
      ...invoiceIds.flatMap((id) => [
        call(holder, 'POST', `/api/v1/invoices/${id}/pay`, undefined, randomUUID()),
        call(holder, 'POST', `/api/v1/invoices/${id}/pay`, undefined, randomUUID()),
      ]),
      ...moreBookings.map(async (id) =>
        call(holder, 'POST', `/api/v1/bookings/${id}/accept`, {
          funding: 'budget',
          ...(await seenQuote(ctx, holder, id)),
        }),
      ),
    ];
    expect(requests).toHaveLength(100);
    const results = await Promise.all(requests);
    expect(results.map((r) => r.statusCode).filter((s) => s !== 200 && s !== 409)).toEqual([]);

    const { entries, figures } = await expectBudgetSound();
    const db = ctx.database.handle.db;
    const paidInvoices = (await db.select().from(invoices)).filter((i) => i.status === 'paid');
    const payments = entries.filter((e) => e.kind === 'payment');
    // Each paid invoice has exactly one payment entry and one brokerage fee; nothing was paid twice.
    expect(new Set(payments.map((p) => p.invoiceId)).size).toBe(payments.length);
    expect(payments).toHaveLength(paidInvoices.length);
    expect(await db.select().from(brokerageFees)).toHaveLength(paidInvoices.length);
    expect(figures.paidPence).toBe(paidInvoices.length * (WEEKLY * 4 + 1_000));
    expect(paidInvoices.length).toBeGreaterThan(0);
    expect(paidInvoices.length).toBeLessThanOrEqual(10);
  });
});
