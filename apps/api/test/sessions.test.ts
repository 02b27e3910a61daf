// Sessions end when they should (issue 13 #6, #9): after a refresh token is reused no token of its family works,
// even when the reuse is two simultaneous refreshes; access tokens die with logout, reuse detection, account
// deletion or disabling, and a validly signed token for an unknown user is refused everywhere.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@care-assist/db';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

let counter = 0;
async function signUp() {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: {
      email: `session${++counter}-${randomUUID().slice(0, 6)}@example.test`,
      password: 'a-long-enough-password',
      displayName: 'Sam',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const refreshToken = res.cookies.find((c) => c.name === 'refresh_token')!.value;
  const body = res.json<{ accessToken: string; user: { id: string } }>();
  return { accessToken: body.accessToken, refreshToken, userId: body.user.id };
}

const refresh = (token: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { refresh_token: token } });
const as = (accessToken: string, url: string) =>
  ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${accessToken}` } });

describe('concurrent refresh with one token', () => {
  it('leaves no live token in the family, in 20 of 20 trials', async () => {
    let liveAfterReuse = 0;
    let raced = 0;
    for (let trial = 0; trial < 20; trial++) {
      const { refreshToken } = await signUp();
      const [a, b] = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
      const winners = [a, b].filter((r) => r.statusCode === 200);
      expect(winners.length).toBeLessThanOrEqual(1);
      if (winners.length === 0) continue; // both lost to each other: nothing was handed out
      raced++;
      const issued = winners[0]!.cookies.find((c) => c.name === 'refresh_token')!.value;
      const winnerAccess = winners[0]!.json<{ accessToken: string }>().accessToken;
      if ((await refresh(issued)).statusCode === 200) liveAfterReuse++;
      expectProblem(await as(winnerAccess, '/api/v1/me'), 401);
    }
    expect(raced).toBeGreaterThan(0);
    expect(liveAfterReuse).toBe(0);
  });
});

describe('access tokens end with the session', () => {
  it('are refused after logout', async () => {
    const { accessToken, refreshToken } = await signUp();
    expect((await as(accessToken, '/api/v1/bookings')).statusCode).toBe(200);
    const out = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { refresh_token: refreshToken },
    });
    expect(out.statusCode).toBeLessThan(300);
    expectProblem(await as(accessToken, '/api/v1/me'), 401);
    expectProblem(await as(accessToken, '/api/v1/bookings'), 401);
  });

  it('are refused after reuse of a refresh token is detected', async () => {
    const first = await signUp();
    const rotated = await refresh(first.refreshToken);
    const secondAccess = rotated.json<{ accessToken: string }>().accessToken;
    expectProblem(await refresh(first.refreshToken), 401); // the stolen token comes back
    expectProblem(await as(first.accessToken, '/api/v1/bookings'), 401);
    expectProblem(await as(secondAccess, '/api/v1/bookings'), 401);
  });

  it('are refused once the account is deleted or disabled', async () => {
    const deleted = await signUp();
    await ctx.database.handle.db.delete(users).where(eq(users.id, deleted.userId));
    expectProblem(await as(deleted.accessToken, '/api/v1/bookings'), 401);
    const disabled = await signUp();
    await ctx.database.handle.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.userId));
    expectProblem(await as(disabled.accessToken, '/api/v1/bookings'), 401);
  });

  it('refuses a validly signed token for a user that does not exist, on every route', async () => {
    for (const sub of [randomUUID(), 'not-a-uuid']) {
      const token = ctx.app.jwt.sign({ sub, role: 'admin' });
      for (const url of ['/api/v1/me', '/api/v1/bookings', '/api/v1/budgets', '/api/v1/moderation/reviews']) {
        expectProblem(await as(token, url), 401);
      }
    }
  });

  it('refuses a token whose role is not the account role any more', async () => {
    const { accessToken, userId } = await signUp();
    await ctx.database.handle.db.update(users).set({ role: 'provider' }).where(eq(users.id, userId));
    expectProblem(await as(accessToken, '/api/v1/bookings'), 401);
  });

  it('still serves a live session', async () => {
    const { accessToken } = await signUp();
    expect((await as(accessToken, '/api/v1/me')).statusCode).toBe(200);
  });
});
