// Bad input found by the probe (issue 13 #4, #10): control characters anywhere in a request, and JSON bodies
// whose numbers and strings arrive as other types. Each is a 400 problem+json and changes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetDetail } from '@care-assist/domain';
import { makePerson, type Person } from './helpers/factories.ts';
import { caller, ledgerRowCount } from './helpers/budgets.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
let call: ReturnType<typeof caller>;
let admin: Person;
let holder: Person;

beforeAll(async () => {
  ctx = await buildTestApp();
  call = caller(ctx);
  admin = await makePerson(ctx, 'admin');
  holder = await makePerson(ctx, 'resident');
});
afterAll(() => ctx.close());

describe('control characters', () => {
  it.each([
    ['POST', '/api/v1/auth/login', { email: 'a\u0000b@example.test', password: 'whatever-it-is' }],
    [
      'POST',
      '/api/v1/auth/register',
      { email: 'new@example.test', password: 'a long enough password', displayName: 'Pat\u0000' },
    ],
    ['GET', '/api/v1/services/abc%00def', undefined],
    ['GET', '/api/v1/suggestions?q=chel%00', undefined],
    ['GET', '/api/v1/services?q=care%00home', undefined],
    ['GET', '/api/v1/services?postcode=CM1%001AA', undefined],
  ] as const)('%s %s is a 400 naming the field, anonymous', async (method, url, payload) => {
    const res = await ctx.app.inject({ method, url, ...(payload ? { payload } : {}) });
    const problem = expectProblem(res, 400);
    expect(problem.detail).toMatch(/control characters/);
  });

  it('refuses other C0 characters and DEL but keeps line breaks and tabs in text', async () => {
    for (const bad of ['\u0001', '\u001b[31m', '\u007f', '\u000b']) {
      const res = await call(admin, 'POST', '/api/v1/budgets', {
        holderEmail: holder.email,
        councilReference: `REF-${bad}-1`,
        startsOn: '2026-04-01',
        endsOn: '2027-03-31',
        allocatedPence: 1000,
      });
      expectProblem(res, 400);
    }
    expect(await ledgerRowCount(ctx.database.handle.db)).toBe(0);
  });
});

describe('JSON bodies are not type-coerced', () => {
  let budget: BudgetDetail;
  beforeAll(async () => {
    const res = await call(admin, 'POST', '/api/v1/budgets', {
      holderEmail: holder.email,
      councilReference: `REF-${randomUUID().slice(0, 6)}`,
      startsOn: '2026-04-01',
      endsOn: '2027-03-31',
      allocatedPence: 100_000,
    });
    expect(res.statusCode, res.body).toBe(201);
    budget = res.json<BudgetDetail>();
  });

  it.each([
    { kind: 'allocation', amountPence: true, reason: 'Top up' },
    { kind: 'allocation', amountPence: '0x10', reason: 'Top up' },
    { kind: 'allocation', amountPence: '16', reason: 'Top up' },
    { kind: 'allocation', amountPence: [16], reason: 'Top up' },
    { kind: 'allocation', amountPence: 16, reason: 12345 },
    { kind: 'allocation', amountPence: 16, reason: null },
  ])('%j is a 400 and the ledger is unchanged', async (body) => {
    const before = await ledgerRowCount(ctx.database.handle.db, budget.id);
    const res = await call(admin, 'POST', `/api/v1/budgets/${budget.id}/entries`, body);
    expectProblem(res, 400);
    expect(await ledgerRowCount(ctx.database.handle.db, budget.id)).toBe(before);
  });

  it('still accepts a real number, and query strings are still coerced', async () => {
    const res = await call(admin, 'POST', `/api/v1/budgets/${budget.id}/entries`, {
      kind: 'allocation',
      amountPence: 16,
      reason: 'Top up',
    });
    expect(res.statusCode, res.body).toBe(201);
    const page = await ctx.app.inject({ method: 'GET', url: '/api/v1/services?page=1&per_page=5' });
    expect(page.statusCode, page.body).toBe(200);
  });
});
