// Per-account sign-in throttling (issue 13 #8): wrong passwords from ever-changing addresses still lock the
// account's sign-in, with a growing wait, a notice to the account holder, and the same answer for unknown emails.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundMessages } from '@care-assist/db';
import { lockSeconds } from '../src/modules/auth/sign-in-throttle.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const PASSWORD = 'the-right-password-1';
let n = 0;
async function account() {
  const email = `throttle${++n}-${randomUUID().slice(0, 6)}@example.test`;
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password: PASSWORD, displayName: 'Tess' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return email;
}

/** Each attempt from a different address, as a botnet (or a forged X-Forwarded-For) would send it. */
const signIn = (email: string, password: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'x-forwarded-for': `198.51.100.${++n % 250}` },
    payload: { email, password },
  });

describe('per-account sign-in throttle', () => {
  it('locks an account after 5 failures from rotating addresses; even the right password waits', async () => {
    ctx.clock.now = new Date('2026-11-30T10:00:00Z');
    const email = await account();
    for (let i = 0; i < 5; i++) expectProblem(await signIn(email, `wrong-${i}`), 401);
    const locked = await signIn(email, PASSWORD);
    expectProblem(locked, 429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // The holder is told, once (besides the e-mail confirmation that registering sent).
    const sent = await ctx.database.handle.db.select().from(outboundMessages).where(eq(outboundMessages.to, email));
    const notices = sent.filter((m) => /failed attempts/.test(m.subject));
    expect(notices).toHaveLength(1);
    expect(sent).toHaveLength(2);
    // After the wait the right password works, and resets the count.
    ctx.clock.now = new Date('2026-11-30T10:01:00Z');
    expect((await signIn(email, PASSWORD)).statusCode).toBe(200);
    expectProblem(await signIn(email, 'wrong-again'), 401);
  });

  it('waits longer after each further failure, up to 15 minutes', () => {
    expect([1, 4, 5, 6, 7, 20].map(lockSeconds)).toEqual([0, 0, 30, 60, 120, 900]);
  });

  it('answers an unknown email the same way, so the lock does not reveal who has an account', async () => {
    ctx.clock.now = new Date('2026-11-30T11:00:00Z');
    const nobody = `nobody-${randomUUID().slice(0, 6)}@example.test`;
    for (let i = 0; i < 5; i++) expectProblem(await signIn(nobody, `wrong-${i}`), 401);
    expectProblem(await signIn(nobody, PASSWORD), 429);
    expect(
      await ctx.database.handle.db.select().from(outboundMessages).where(eq(outboundMessages.to, nobody)),
    ).toHaveLength(0);
  });

  it('counts parallel guesses too', async () => {
    ctx.clock.now = new Date('2026-11-30T12:00:00Z');
    const email = await account();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(email, `guess-${i}`)));
    expect(results.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
    expectProblem(await signIn(email, PASSWORD), 429);
  });
});
