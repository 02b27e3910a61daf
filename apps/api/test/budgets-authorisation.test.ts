// Who may do what with money: every role against every budget, booking, invoice and notification endpoint.
// Each cell gets a fresh booking in the state the endpoint needs, so an allowed call really does the thing
// and a refused call is refused by the rule, not by the state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingDetail, BudgetDetail, Page } from '@care-assist/domain';
import { makePerson, makeProvider, type Person } from './helpers/factories.ts';
import { caller } from './helpers/budgets.ts';
import { buildTestApp, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
let call: ReturnType<typeof caller>;
const ROLES = ['anonymous', 'holder', 'otherResident', 'provider', 'otherProvider', 'moderator', 'admin'] as const;
type Role = (typeof ROLES)[number];
let people: Record<Exclude<Role, 'anonymous'>, Person>;
let provider: Awaited<ReturnType<typeof makeProvider>>;
let budgetId: string;

type Stage = 'none' | 'requested' | 'quoted' | 'active' | 'invoiced' | 'approved' | 'disputed';
interface Fixture {
  bookingId: string;
  invoiceId: string;
}

beforeAll(async () => {
  ctx = await buildTestApp();
  call = caller(ctx);
  ctx.clock.now = new Date('2026-06-01T10:00:00Z');
  provider = await makeProvider(ctx);
  const other = await makeProvider(ctx);
  people = {
    holder: await makePerson(ctx, 'resident'),
    otherResident: await makePerson(ctx, 'resident'),
    provider: provider.member,
    otherProvider: other.member,
    moderator: await makePerson(ctx, 'moderator'),
    admin: await makePerson(ctx, 'admin'),
  };
  const opened = await call(people.admin, 'POST', '/api/v1/budgets', {
    holderEmail: people.holder.email,
    councilReference: 'ECC-AUTH-1',
    startsOn: '2026-04-01',
    endsOn: '2027-03-31',
    allocatedPence: 50_000_000,
  });
  budgetId = opened.json<BudgetDetail>().id;
});
afterAll(() => ctx.close());

async function fixture(stage: Stage): Promise<Fixture> {
  const fx = { bookingId: '00000000-0000-4000-8000-000000000000', invoiceId: '00000000-0000-4000-8000-000000000000' };
  if (stage === 'none') return fx;
  ctx.clock.now = new Date('2026-06-01T10:00:00Z');
  const { holder, provider: member } = people;
  const requested = await call(holder, 'POST', '/api/v1/bookings', {
    serviceId: provider.service.id,
    careType: 'home_care',
    startDate: '2026-06-08',
    durationWeeks: 2,
  });
  fx.bookingId = requested.json<BookingDetail>().id;
  if (stage === 'requested') return fx;
  const step = async (who: Person, path: string, body?: unknown) => {
    const res = await call(who, 'POST', path, body);
    expect(res.statusCode, `${path}: ${res.body}`).toBeLessThan(300);
    return res.json<BookingDetail>();
  };
  await step(member, `/api/v1/bookings/${fx.bookingId}/quote`, {
    weeklyPence: 10_000,
    startDate: '2026-06-08',
    terms: 'Standard.',
  });
  if (stage === 'quoted') return fx;
  await step(holder, `/api/v1/bookings/${fx.bookingId}/accept`, { funding: 'budget', quotedWeeklyPence: 10_000 });
  await step(member, `/api/v1/bookings/${fx.bookingId}/start`);
  ctx.clock.now = new Date('2026-06-20T10:00:00Z');
  if (stage === 'active') return fx;
  const invoiced = await step(member, `/api/v1/bookings/${fx.bookingId}/invoices`, {
    periodStart: '2026-06-08',
    periodEnd: '2026-06-14',
    hours: 5,
    amountPence: 10_000,
  });
  fx.invoiceId = invoiced.invoices[0]!.id;
  if (stage === 'invoiced') return fx;
  if (stage === 'approved') await step(holder, `/api/v1/invoices/${fx.invoiceId}/approve`);
  if (stage === 'disputed') await step(holder, `/api/v1/invoices/${fx.invoiceId}/dispute`, { reason: 'Missed visits' });
  return fx;
}

interface Row {
  name: string;
  stage: Stage;
  method: 'GET' | 'POST';
  url: (fx: Fixture) => string;
  body?: () => unknown;
  expect: Record<Role, number>;
}

// anonymous, holder, otherResident, provider, otherProvider, moderator, admin
const codes = (...list: number[]) => Object.fromEntries(ROLES.map((r, i) => [r, list[i]!])) as Record<Role, number>;
let refCounter = 0;

const MATRIX: Row[] = [
  {
    name: 'list budgets',
    stage: 'none',
    method: 'GET',
    url: () => '/api/v1/budgets',
    expect: codes(401, 200, 200, 200, 200, 200, 200),
  },
  {
    name: 'open a budget',
    stage: 'none',
    method: 'POST',
    url: () => '/api/v1/budgets',
    body: () => ({
      holderEmail: people.otherResident.email,
      councilReference: `ECC-AUTH-OPEN-${++refCounter}`,
      startsOn: '2026-04-01',
      endsOn: '2027-03-31',
      allocatedPence: 1000,
    }),
    expect: codes(401, 403, 403, 403, 403, 403, 201),
  },
  {
    name: 'read a budget',
    stage: 'none',
    method: 'GET',
    url: () => `/api/v1/budgets/${budgetId}`,
    expect: codes(401, 200, 404, 404, 404, 404, 200),
  },
  {
    name: 'add money to a budget',
    stage: 'none',
    method: 'POST',
    url: () => `/api/v1/budgets/${budgetId}/entries`,
    body: () => ({ kind: 'allocation', amountPence: 100, reason: 'Top up' }),
    expect: codes(401, 403, 403, 403, 403, 403, 201),
  },
  {
    name: 'download a statement',
    stage: 'none',
    method: 'GET',
    url: () => `/api/v1/budgets/${budgetId}/statement.csv`,
    expect: codes(401, 200, 404, 404, 404, 404, 200),
  },
  {
    name: 'brokerage income',
    stage: 'none',
    method: 'GET',
    url: () => '/api/v1/budgets/brokerage-income',
    expect: codes(401, 403, 403, 403, 403, 403, 200),
  },
  {
    name: 'list bookings',
    stage: 'none',
    method: 'GET',
    url: () => '/api/v1/bookings',
    expect: codes(401, 200, 200, 200, 200, 403, 200),
  },
  {
    name: 'request a quote',
    stage: 'none',
    method: 'POST',
    url: () => '/api/v1/bookings',
    body: () => ({ serviceId: provider.service.id, careType: 'home_care', startDate: '2026-07-01', durationWeeks: 1 }),
    expect: codes(401, 201, 201, 403, 403, 403, 403),
  },
  {
    name: 'read a booking',
    stage: 'requested',
    method: 'GET',
    url: (f) => `/api/v1/bookings/${f.bookingId}`,
    expect: codes(401, 200, 404, 200, 404, 404, 200),
  },
  {
    name: 'quote',
    stage: 'requested',
    method: 'POST',
    url: (f) => `/api/v1/bookings/${f.bookingId}/quote`,
    body: () => ({ weeklyPence: 10_000, startDate: '2026-06-08', terms: 'Standard.' }),
    expect: codes(401, 403, 404, 200, 404, 404, 403),
  },
  {
    name: 'decline',
    stage: 'requested',
    method: 'POST',
    url: (f) => `/api/v1/bookings/${f.bookingId}/decline`,
    body: () => ({ reason: 'No capacity' }),
    expect: codes(401, 403, 404, 200, 404, 404, 403),
  },
  {
    name: 'send a message',
    stage: 'requested',
    method: 'POST',
    url: (f) => `/api/v1/bookings/${f.bookingId}/messages`,
    body: () => ({ body: 'Hello' }),
    expect: codes(401, 200, 404, 200, 404, 404, 403),
  },
  {
    name: 'accept a quote',
    stage: 'quoted',
    method: 'POST',
    url: (f) => `/api/v1/bookings/${f.bookingId}/accept`,
    body: () => ({ funding: 'self_funded', quotedWeeklyPence: 10_000 }),
    expect: codes(401, 200, 404, 403, 404, 404, 403),
  },
  {
    name: 'start care',
    stage: 'quoted',
    method: 'POST',
    url: (f) => `/api/v1/bookings/${f.bookingId}/start`,
    expect: codes(401, 403, 404, 409, 404, 404, 403),
  },
  {
    name: 'cancel',
    stage: 'active',
    method: 'POST',
    url: (f) => `/api/v1/bookings/${f.bookingId}/cancel`,
    body: () => ({ reason: 'Going into hospital' }),
    expect: codes(401, 200, 404, 200, 404, 404, 200),
  },
  {
    name: 'complete',
    stage: 'active',
    method: 'POST',
    url: (f) => `/api/v1/bookings/${f.bookingId}/complete`,
    expect: codes(401, 403, 404, 200, 404, 404, 200),
  },
  {
    name: 'issue an invoice',
    stage: 'active',
    method: 'POST',
    url: (f) => `/api/v1/bookings/${f.bookingId}/invoices`,
    body: () => ({ periodStart: '2026-06-08', periodEnd: '2026-06-14', hours: 5, amountPence: 10_000 }),
    expect: codes(401, 403, 404, 201, 404, 404, 403),
  },
  {
    name: 'approve an invoice',
    stage: 'invoiced',
    method: 'POST',
    url: (f) => `/api/v1/invoices/${f.invoiceId}/approve`,
    expect: codes(401, 200, 404, 403, 404, 404, 200),
  },
  {
    name: 'pay an invoice',
    stage: 'approved',
    method: 'POST',
    url: (f) => `/api/v1/invoices/${f.invoiceId}/pay`,
    expect: codes(401, 200, 404, 403, 404, 404, 200),
  },
  {
    name: 'dispute an invoice',
    stage: 'invoiced',
    method: 'POST',
    url: (f) => `/api/v1/invoices/${f.invoiceId}/dispute`,
    body: () => ({ reason: 'Missed visits' }),
    expect: codes(401, 200, 404, 403, 404, 404, 200),
  },
  {
    name: 'resolve a dispute',
    stage: 'disputed',
    method: 'POST',
    url: (f) => `/api/v1/invoices/${f.invoiceId}/resolve`,
    body: () => ({ outcome: 'approve', note: 'Visits confirmed' }),
    expect: codes(401, 403, 403, 403, 403, 403, 200),
  },
  {
    name: 'list notifications',
    stage: 'none',
    method: 'GET',
    url: () => '/api/v1/notifications',
    expect: codes(401, 200, 200, 200, 200, 200, 200),
  },
  {
    name: 'mark all read',
    stage: 'none',
    method: 'POST',
    url: () => '/api/v1/notifications/read-all',
    expect: codes(401, 204, 204, 204, 204, 204, 204),
  },
];

describe('authorisation matrix: every role against every money endpoint', () => {
  it.each(MATRIX.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const got: Partial<Record<Role, number>> = {};
    for (const role of ROLES) {
      const fx = await fixture(row.stage);
      const who = role === 'anonymous' ? null : people[role];
      const res = await call(who, row.method, row.url(fx), row.body?.());
      got[role] = res.statusCode;
      if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(got).toEqual(row.expect);
  });

  it('shows each person only their own bookings and budgets', async () => {
    await fixture('requested');
    const mine = (await call(people.holder, 'GET', '/api/v1/bookings')).json<Page<BookingDetail>>().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((b) => b.requesterId === people.holder.id)).toBe(true);
    expect((await call(people.otherProvider, 'GET', '/api/v1/bookings')).json<Page<unknown>>()).toMatchObject({
      items: [],
      total: 0,
    });
    expect((await call(people.provider, 'GET', '/api/v1/bookings')).json<Page<BookingDetail>>().total).toBeGreaterThan(
      0,
    );
    const others = (await call(people.otherResident, 'GET', '/api/v1/budgets')).json<Page<BudgetDetail>>().items;
    expect(others.every((b) => b.holderId === people.otherResident.id)).toBe(true);
    expect((await call(people.moderator, 'GET', '/api/v1/budgets')).json<Page<unknown>>().items).toEqual([]);
  });
});
