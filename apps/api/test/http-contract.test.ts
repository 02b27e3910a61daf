// HTTP semantics every client can rely on: a 401 says how to authenticate (WWW-Authenticate: Bearer), and a
// 201 says where the new thing lives (Location), which a GET of that address then answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePerson, makeProvider } from './helpers/factories.ts';
import { caller, inDays } from './helpers/budgets.ts';
import { buildTestApp, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

describe('401 answers', () => {
  it('challenge a caller without a token to use Bearer', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/bookings' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="care-assist"');
  });

  it('tell a caller whose token was refused that it is invalid', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="care-assist", error="invalid_token"');
  });

  it('challenge on every route that refuses an anonymous caller with 401', async () => {
    const missing: string[] = [];
    let seen = 0;
    for (const route of ctx.routes.filter((r) => r.method === 'GET' && !r.url.includes(':'))) {
      const res = await ctx.app.inject({ method: 'GET', url: route.url.replace(/\*$/, 'x') });
      if (res.statusCode !== 401) continue;
      seen++;
      if (!String(res.headers['www-authenticate'] ?? '').startsWith('Bearer')) missing.push(route.url);
    }
    expect(seen).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});

describe('201 answers', () => {
  const call = () => caller(ctx);

  it('name what was created in Location, and the address answers a GET', async () => {
    const { service } = await makeProvider(ctx);
    const resident = await makePerson(ctx, 'resident');
    const requested = await call()(resident, 'POST', '/api/v1/bookings', {
      serviceId: service.id,
      careType: 'home_care',
      startDate: inDays(14),
      durationWeeks: 2,
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const booking = requested.json<{ id: string }>();
    expect(requested.headers.location).toBe(`/api/v1/bookings/${booking.id}`);
    const fetched = await call()(resident, 'GET', String(requested.headers.location));
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json<{ id: string }>().id).toBe(booking.id);

    const provider = await makePerson(ctx, 'provider');
    const organisation = await call()(provider, 'POST', '/api/v1/organisations', {
      name: 'Broomfield Care',
      sector: 'private',
    });
    expect(organisation.statusCode, organisation.body).toBe(201);
    const where = String(organisation.headers.location);
    expect(where).toBe(`/api/v1/organisations/${organisation.json<{ id: string }>().id}`);
    expect((await call()(provider, 'GET', where)).statusCode).toBe(200);
  });

  it('name the account a sign-up created', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'new-person@example.test', password: 'a long enough password', displayName: 'New Person' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.location).toBe('/api/v1/me');
  });

  it('keep Location on an idempotent replay of a created budget', async () => {
    const council = await makePerson(ctx, 'admin');
    const holder = await makePerson(ctx, 'resident');
    const body = {
      holderEmail: holder.email,
      councilReference: 'CA-201',
      startsOn: inDays(0),
      endsOn: inDays(365),
      allocatedPence: 100_000,
    };
    const first = await call()(council, 'POST', '/api/v1/budgets', body, 'budget-key-1');
    expect(first.statusCode, first.body).toBe(201);
    const location = `/api/v1/budgets/${first.json<{ id: string }>().id}`;
    expect(first.headers.location).toBe(location);
    const replay = await call()(council, 'POST', '/api/v1/budgets', body, 'budget-key-1');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers.location).toBe(location);
  });
});
