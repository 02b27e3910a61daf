import { createSigner } from 'fast-jwt';
import { eq } from 'drizzle-orm';
import { users } from '@care-assist/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

let counter = 0;
const newAccount = (overrides: Record<string, unknown> = {}) => ({
  email: `person${++counter}@example.test`,
  password: 'a-long-enough-password',
  displayName: 'Pat Example',
  ...overrides,
});

function refreshCookie(res: {
  cookies: { name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string }[];
}) {
  const cookie = res.cookies.find((c) => c.name === 'refresh_token');
  if (!cookie) throw new Error('no refresh_token cookie');
  return cookie;
}

async function register(body = newAccount()) {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: body });
  expect(res.statusCode).toBe(201);
  return { body, res, json: res.json<{ accessToken: string; user: { id: string; role: string } }>() };
}

const refresh = (token: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { refresh_token: token } });

describe('registration', () => {
  it('creates a resident by default and starts a session with an httpOnly refresh cookie', async () => {
    const { res, json, body } = await register();
    expect(json.user).toMatchObject({ email: body.email, displayName: 'Pat Example', role: 'resident' });
    expect(json).not.toHaveProperty('user.passwordHash');
    const cookie = refreshCookie(res);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth' });
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${json.accessToken}` },
    });
    expect(me.json()).toMatchObject({ id: json.user.id, role: 'resident' });
  });

  it('lets providers sign themselves up', async () => {
    const { json } = await register(newAccount({ role: 'provider' }));
    expect(json.user.role).toBe('provider');
  });

  it('refuses a second account with the same email in any letter case', async () => {
    const { body } = await register();
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { ...body, email: body.email.toUpperCase() },
    });
    expect(expectProblem(res, 409).detail).toMatch(/already exists/);
  });

  it('refuses council roles unless an admin creates them', async () => {
    const self = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: newAccount({ role: 'moderator' }),
    });
    expectProblem(self, 403);
    const resident = await register();
    const byResident = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: newAccount({ role: 'admin' }),
      headers: { authorization: `Bearer ${resident.json.accessToken}` },
    });
    expectProblem(byResident, 403);
  });

  it('lets an admin create a moderator without signing the admin out', async () => {
    // The token's role must be the account's role (a signed claim alone is not enough), so make the account an admin.
    const adminId = (await register()).json.user.id;
    await ctx.database.handle.db.update(users).set({ role: 'admin' }).where(eq(users.id, adminId));
    const adminToken = ctx.app.jwt.sign({ sub: adminId, role: 'admin' });
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: newAccount({ role: 'moderator' }),
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ user: { role: 'moderator' } });
    expect(res.json()).not.toHaveProperty('accessToken');
    expect(res.cookies.find((c) => c.name === 'refresh_token')).toBeUndefined();
  });

  it.each([
    ['a short password', { password: 'short' }, 'password'],
    ['an invalid email', { email: 'not-an-email' }, 'email'],
    ['an empty name', { displayName: '' }, 'displayName'],
    ['an unknown field', { isAdmin: true }, 'isAdmin'],
  ])('rejects %s with a field error', async (_label, overrides, field) => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: newAccount(overrides) });
    const problem = expectProblem(res, 400);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it('rejects malformed JSON and the wrong content type with problem+json', async () => {
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "x@example.test",',
    });
    expectProblem(bad, 400);
    const wrongType = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/csv' },
      payload: 'email,password',
    });
    expectProblem(wrongType, 415);
  });
});

describe('sign in', () => {
  it('signs in with the right password, whatever the email case', async () => {
    const { body } = await register();
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: body.email.toUpperCase(), password: body.password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ expiresIn: 900, user: { email: body.email } });
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const { body } = await register();
    const wrong = expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: body.email, password: 'not-the-password' },
      }),
      401,
    );
    const unknown = expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@example.test', password: 'whatever-it-is' },
      }),
      401,
    );
    expect(wrong.detail).toBe(unknown.detail);
  });
});

describe('access tokens', () => {
  it('requires a token for /me', async () => {
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/v1/me' }), 401);
  });

  it('refuses a forged token signed with another secret', async () => {
    const { json } = await register();
    const forged = createSigner({ key: 'x'.repeat(64), expiresIn: 60_000 })({ sub: json.user.id, role: 'admin' });
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(expectProblem(res, 401).detail).toMatch(/not valid/);
  });

  it('refuses an expired token', async () => {
    const { json } = await register();
    const twentyMinutesAgo = Date.now() - 20 * 60_000;
    const expired = ctx.app.jwt.sign({ sub: json.user.id, role: 'resident' }, { clockTimestamp: twentyMinutesAgo });
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${expired}` },
    });
    expect(expectProblem(res, 401).detail).toMatch(/expired/);
  });

  it('refuses a malformed Authorization header', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Basic abc' } });
    expectProblem(res, 401);
  });
});

describe('refresh tokens', () => {
  it('rotates the refresh token on every use', async () => {
    const { res } = await register();
    const first = refreshCookie(res).value;
    const rotated = await refresh(first);
    expect(rotated.statusCode).toBe(200);
    const second = refreshCookie(rotated).value;
    expect(second).not.toBe(first);
    expect((await refresh(second)).statusCode).toBe(200);
  });

  it('revokes the whole family when a rotated token is used again', async () => {
    const { res } = await register();
    const first = refreshCookie(res).value;
    const second = refreshCookie(await refresh(first)).value;
    // The stolen first token comes back: refused, and the legitimate newer token dies with it.
    expectProblem(await refresh(first), 401);
    expectProblem(await refresh(second), 401);
  });

  it('lets only one of two simultaneous refreshes with the same token win', async () => {
    const { res } = await register();
    const token = refreshCookie(res).value;
    const results = await Promise.all([refresh(token), refresh(token), refresh(token)]);
    expect(results.filter((r) => r.statusCode === 200).length).toBeLessThanOrEqual(1);
    expect(results.filter((r) => r.statusCode === 401).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a missing or made-up refresh token', async () => {
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/refresh' }), 401);
    expectProblem(await refresh('made-up'), 401);
  });

  it('refuses a refresh token after it expires (30 days)', async () => {
    const { res } = await register();
    const token = refreshCookie(res).value;
    ctx.clock.now = new Date(Date.now() + 31 * 86_400_000);
    try {
      expectProblem(await refresh(token), 401);
    } finally {
      ctx.clock.now = null;
    }
  });

  it('logs out by revoking the refresh token and clearing the cookie', async () => {
    const { res } = await register();
    const token = refreshCookie(res).value;
    const out = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { refresh_token: token } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'refresh_token')?.value).toBe('');
    expectProblem(await refresh(token), 401);
  });
});

describe('rate limits', () => {
  it('limits sign-in attempts per client', async () => {
    const limited = await buildTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'a@example.test', password: 'wrong-password' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const blocked = await attempt();
      expectProblem(blocked, 429);
      expect(blocked.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });

  it('counts each resident behind the web server separately, by the address it forwards', async () => {
    const limited = await buildTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const attemptFrom = (ip: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'x-forwarded-for': ip },
          payload: { email: 'a@example.test', password: 'wrong-password' },
        });
      expect((await attemptFrom('203.0.113.1')).statusCode).toBe(401);
      expect((await attemptFrom('203.0.113.1')).statusCode).toBe(401);
      expectProblem(await attemptFrom('203.0.113.1'), 429);
      // Another resident signing in through the same web server is not blocked by the first one.
      expect((await attemptFrom('203.0.113.2')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});
