// The account lifecycle through the real API, reading the real e-mails from the mail catcher: confirming an address,
// forgotten passwords, changing address and password, and every bad link or burst refused with nothing changed.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountTokens, refreshTokens, users } from '@care-assist/db';
import type { User } from '@care-assist/domain';
import { RESET_ANSWER_MS } from '../src/modules/accounts/service.ts';
import { makeProvider } from './helpers/factories.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp({ EMAIL_REQUESTS_PER_ADDRESS_PER_HOUR: '3', EMAIL_REQUESTS_PER_NETWORK_PER_HOUR: '6' });
});
afterAll(() => ctx.close());

/** Each test calls from its own network, so the per-network limit of one test does not touch another. */
const network = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;

interface Account {
  email: string;
  password: string;
  user: User;
  accessToken: string;
  refreshToken: string;
}

async function register(name = 'Alex Morgan'): Promise<Account> {
  const email = `person-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'correct horse battery';
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password, displayName: name },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json<{ user: User; accessToken: string }>();
  const refreshToken = res.cookies.find((c) => c.name === 'refresh_token')!.value;
  return { email, password, user: body.user, accessToken: body.accessToken, refreshToken };
}

const auth = (account: { accessToken: string }) => ({ authorization: `Bearer ${account.accessToken}` });
const post = (url: string, payload: object, headers: Record<string, string> = {}, remoteAddress = network()) =>
  ctx.app.inject({ method: 'POST', url, payload, headers, remoteAddress });

/** The newest e-mail to `to` whose subject matches, after delivering the outbox. */
async function mailTo(to: string, subject: RegExp) {
  await ctx.deliverMail();
  const message = ctx.mail
    .to(to)
    .filter((m) => subject.test(m.subject))
    .at(-1);
  if (!message)
    throw new Error(`no e-mail "${subject}" to ${to}: ${JSON.stringify(ctx.mail.to(to).map((m) => m.subject))}`);
  return message;
}
const tokenIn = (link: string | undefined, path: string) => {
  const match = new RegExp(`${path}/([A-Za-z0-9_-]+)$`).exec(link ?? '');
  if (!match) throw new Error(`no ${path} link in ${link}`);
  return match[1]!;
};

describe('confirming an e-mail address', () => {
  it('sends a link on sign-up; until it is opened the person can shortlist but not ask for a quote', async () => {
    const account = await register();
    expect(account.user.emailVerified).toBe(false);
    const message = await mailTo(account.email, /Confirm your e-mail address/);
    expect(message.text).toContain('Hello Alex Morgan');
    expect(message.text).toContain('Why you got this e-mail: Someone created a Care Assist account with this address.');
    const link = message.links.find((l) => l.includes('/verify-email/'));
    const token = tokenIn(link, '/verify-email');

    const { service } = await makeProvider(ctx);
    const shortlisted = await ctx.app.inject({
      method: 'PUT',
      url: `/api/v1/shortlist/${service.id}`,
      headers: auth(account),
    });
    expect(shortlisted.statusCode).toBeLessThan(300);
    const quote = {
      serviceId: service.id,
      careType: 'home_care',
      hoursPerWeek: 5,
      startDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
      durationWeeks: 4,
    };
    const refused = await post('/api/v1/bookings', quote, { ...auth(account), 'idempotency-key': randomUUID() });
    expect(expectProblem(refused, 403).detail).toMatch(/Confirm your e-mail address before you ask for a quote/);

    const verified = await post('/api/v1/auth/verify-email', { token });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json<User>().emailVerified).toBe(true);
    const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth(account) });
    expect(me.json<User>().emailVerified).toBe(true);
    const allowed = await post('/api/v1/bookings', quote, { ...auth(account), 'idempotency-key': randomUUID() });
    expect(allowed.statusCode, allowed.body).toBe(201);

    // The same link again: used.
    expect(expectProblem(await post('/api/v1/auth/verify-email', { token }), 409).detail).toMatch(/already been used/);
    // Resending once confirmed makes no sense.
    expectProblem(await post('/api/v1/auth/verify-email/resend', {}, auth(account)), 409);
  });

  it('refuses forged and expired links, and a resend replaces the old link', async () => {
    const account = await register();
    const first = tokenIn(
      (await mailTo(account.email, /Confirm/)).links.find((l) => l.includes('/verify-email/')),
      '/verify-email',
    );
    const forged = `${first.slice(0, -4)}AAAA`;
    expect(expectProblem(await post('/api/v1/auth/verify-email', { token: forged }), 400).detail).toMatch(/not valid/);
    expectProblem(await post('/api/v1/auth/verify-email', { token: 'not a token!' }), 400);

    const resent = await post('/api/v1/auth/verify-email/resend', {}, auth(account));
    expect(resent.statusCode, resent.body).toBe(202);
    // The first link stopped working when a new one was sent.
    expectProblem(await post('/api/v1/auth/verify-email', { token: first }), 409);
    const second = tokenIn(
      (await mailTo(account.email, /Confirm/)).links.find((l) => l.includes('/verify-email/')),
      '/verify-email',
    );
    expect(second).not.toBe(first);

    ctx.clock.now = new Date(Date.now() + 25 * 3_600_000);
    try {
      expect(expectProblem(await post('/api/v1/auth/verify-email', { token: second }), 410).detail).toMatch(/expired/);
    } finally {
      ctx.clock.now = null;
    }
    const [row] = await ctx.database.handle.db.select().from(users).where(eq(users.id, account.user.id));
    expect(row?.emailVerifiedAt).toBeNull();
  });
});

describe('forgotten password', () => {
  it('e-mails a 30-minute single-use link; resetting signs out everywhere and sends a notice', async () => {
    const account = await register('Jo Reset');
    const from = network();
    const asked = await post('/api/v1/auth/password-reset', { email: account.email.toUpperCase() }, {}, from);
    expect(asked.statusCode).toBe(202);
    const unknown = await post('/api/v1/auth/password-reset', { email: 'nobody-here@example.test' }, {}, from);
    expect(unknown.statusCode).toBe(202);
    // The same answer either way, and no e-mail to an address without an account.
    expect(unknown.json()).toEqual(asked.json());
    const message = await mailTo(account.email, /Reset your Care Assist password/);
    expect(ctx.mail.to('nobody-here@example.test')).toEqual([]);
    const token = tokenIn(
      message.links.find((l) => l.includes('/reset-password/')),
      '/reset-password',
    );
    // Only the hash is stored.
    const stored = await ctx.database.handle.db
      .select()
      .from(accountTokens)
      .where(eq(accountTokens.userId, account.user.id));
    expect(JSON.stringify(stored)).not.toContain(token);

    expectProblem(await post('/api/v1/auth/password-reset/confirm', { token, password: 'short' }), 400);
    const reset = await post('/api/v1/auth/password-reset/confirm', { token, password: 'a brand new passphrase' });
    expect(reset.statusCode, reset.body).toBe(204);
    expectProblem(await post('/api/v1/auth/password-reset/confirm', { token, password: 'another passphrase!' }), 409);

    // Every session is over: the old refresh cookie and access token no longer work.
    const refreshed = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: { refresh_token: account.refreshToken },
    });
    expectProblem(refreshed, 401);
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth(account) }), 401);
    const live = await ctx.database.handle.db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.userId, account.user.id));
    expect(live.every((t) => t.revokedAt !== null)).toBe(true);

    expectProblem(await post('/api/v1/auth/login', { email: account.email, password: account.password }), 401);
    const signedIn = await post('/api/v1/auth/login', { email: account.email, password: 'a brand new passphrase' });
    expect(signedIn.statusCode).toBe(200);
    const notice = await mailTo(account.email, /password was changed/);
    expect(notice.text).toContain('every device signed in to your account was signed out');
  });

  it('refuses an expired reset link and changes nothing', async () => {
    const account = await register();
    await post('/api/v1/auth/password-reset', { email: account.email });
    const token = tokenIn(
      (await mailTo(account.email, /Reset your/)).links.find((l) => l.includes('/reset-password/')),
      '/reset-password',
    );
    const [before] = await ctx.database.handle.db.select().from(users).where(eq(users.id, account.user.id));
    ctx.clock.now = new Date(Date.now() + 31 * 60_000);
    try {
      expectProblem(
        await post('/api/v1/auth/password-reset/confirm', { token, password: 'a brand new passphrase' }),
        410,
      );
    } finally {
      ctx.clock.now = null;
    }
    const [after] = await ctx.database.handle.db.select().from(users).where(eq(users.id, account.user.id));
    expect(after?.passwordHash).toBe(before?.passwordHash);
  });

  it('answers an unknown address exactly as a known one, after the same time', async () => {
    const account = await register();
    // One network per pair, so the per-network limit (6 an hour here) never answers instead.
    const ask = async (email: string, from: string) => {
      const started = performance.now();
      const res = await post('/api/v1/auth/password-reset', { email }, {}, from);
      return { res, ms: performance.now() - started };
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      const from = network();
      const a = await ask(account.email, from);
      const b = await ask(`nobody-${randomUUID().slice(0, 8)}@example.test`, from);
      for (const { res } of [a, b]) expect(res.statusCode, res.body).toBe(202);
      expect(b.res.body).toBe(a.res.body);
      const shape = (headers: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(headers).filter(([name]) => !['date', 'x-request-id', 'x-ratelimit-remaining'].includes(name)),
        );
      expect(shape(b.res.headers)).toEqual(shape(a.res.headers));
      known.push(a.ms);
      unknown.push(b.ms);
    }
    // Both wait for the same moment (RESET_ANSWER_MS after arrival): neither answers sooner than that, and the
    // difference between them is far below what the lookup and the queued e-mail would otherwise show.
    for (const ms of [...known, ...unknown]) expect(ms).toBeGreaterThanOrEqual(RESET_ANSWER_MS - 1);
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[1]!;
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(150);
    await ctx.deliverMail();
    expect(ctx.mail.to(account.email).filter((m) => /Reset your/.test(m.subject))).toHaveLength(3);
  });

  it('limits bursts per address and per network, known address or not, with 429 and Retry-After', async () => {
    const account = await register();
    for (let i = 0; i < 3; i++) {
      expect((await post('/api/v1/auth/password-reset', { email: account.email })).statusCode).toBe(202);
    }
    const perAddress = await post('/api/v1/auth/password-reset', { email: account.email });
    expectProblem(perAddress, 429);
    expect(Number(perAddress.headers['retry-after'])).toBeGreaterThan(0);
    // Unknown addresses are limited the same way, so the 429 says nothing about who has an account.
    for (let i = 0; i < 3; i++) await post('/api/v1/auth/password-reset', { email: 'ghost@example.test' });
    expectProblem(await post('/api/v1/auth/password-reset', { email: 'ghost@example.test' }), 429);

    const from = network();
    for (let i = 0; i < 6; i++) {
      const res = await post('/api/v1/auth/password-reset', { email: `spray-${i}@example.test` }, {}, from);
      expect(res.statusCode).toBe(202);
    }
    expectProblem(await post('/api/v1/auth/password-reset', { email: 'spray-7@example.test' }, {}, from), 429);
    await ctx.deliverMail();
    expect(ctx.mail.to(account.email).filter((m) => /Reset your/.test(m.subject))).toHaveLength(3);
  });
});

describe('changing name, address and password', () => {
  it('changes the display name', async () => {
    const account = await register();
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: auth(account),
      payload: { displayName: '  Sam Taylor ' },
    });
    expect(res.json<User>().displayName).toBe('Sam Taylor');
  });

  it('moves to a new address only once the link sent there is opened, and tells the old address', async () => {
    const account = await register();
    const other = await register();
    const inUse = await post('/api/v1/me/email', { newEmail: other.email, password: account.password }, auth(account));
    expectProblem(inUse, 409);
    expectProblem(
      await post('/api/v1/me/email', { newEmail: 'x@example.test', password: 'wrong' }, auth(account)),
      403,
    );

    const newEmail = `moved-${randomUUID().slice(0, 8)}@example.test`;
    const asked = await post('/api/v1/me/email', { newEmail, password: account.password }, auth(account));
    expect(asked.statusCode, asked.body).toBe(202);
    const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth(account) });
    expect(me.json<User>().email).toBe(account.email);

    const token = tokenIn(
      (await mailTo(newEmail, /Confirm your new e-mail address/)).links.find((l) => l.includes('/confirm-email/')),
      '/confirm-email',
    );
    const confirmed = await post('/api/v1/auth/email-change/confirm', { token });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json<User>()).toMatchObject({ email: newEmail, emailVerified: true });
    const told = await mailTo(account.email, /address of your Care Assist account was changed/);
    expect(told.text).toContain(newEmail);
    expectProblem(await post('/api/v1/auth/email-change/confirm', { token }), 409);
    expect((await post('/api/v1/auth/login', { email: newEmail, password: account.password })).statusCode).toBe(200);
  });

  it('changes the password with the current one, keeping this session and ending the others', async () => {
    const account = await register();
    const elsewhere = await post('/api/v1/auth/login', { email: account.email, password: account.password });
    const otherRefresh = elsewhere.cookies.find((c) => c.name === 'refresh_token')!.value;
    const wrong = await post(
      '/api/v1/me/password',
      { currentPassword: 'nope', newPassword: 'another passphrase' },
      auth(account),
    );
    expectProblem(wrong, 403);
    const changed = await post(
      '/api/v1/me/password',
      { currentPassword: account.password, newPassword: 'another passphrase' },
      auth(account),
    );
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: auth(account) })).statusCode).toBe(200);
    expectProblem(
      await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { refresh_token: otherRefresh } }),
      401,
    );
    await mailTo(account.email, /password was changed/);
  });
});
