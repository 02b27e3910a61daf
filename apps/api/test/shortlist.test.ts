// Shortlists through the API: only for the signed-in owner, idempotent adds, unpublished services hidden
// and skipped on merge, a size limit, and clear 4xx for bad input.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '@care-assist/db';
import { SHORTLIST_LIMIT, type Shortlist } from '@care-assist/domain';
import { makeOrganisation, makeService } from './helpers/factories.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
let ids: string[];

beforeAll(async () => {
  ctx = await buildTestApp();
  const org = await makeOrganisation(ctx.database.handle.db);
  ids = [];
  for (const name of ['Avon Care', 'Brook Care', 'Cedar Care']) {
    ids.push((await makeService(ctx.database.handle.db, { organisationId: org.id, name })).id);
  }
});
afterAll(() => ctx.close());

async function signUp(): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: {
      email: `s-${randomBytes(4).toString('hex')}@example.test`,
      password: 'a-strong-password',
      displayName: 'Sam',
    },
  });
  expect(res.statusCode).toBe(201);
  return `Bearer ${res.json<{ accessToken: string }>().accessToken}`;
}

function call(method: 'GET' | 'PUT' | 'DELETE' | 'POST', url: string, authorization?: string, payload?: object) {
  const options: InjectOptions = {
    method,
    url: `/api/v1/shortlist${url}`,
    headers: authorization ? { authorization } : {},
    ...(payload ? { payload } : {}),
  };
  return ctx.app.inject(options);
}
const names = (res: { json: () => unknown }) => (res.json() as Shortlist).items.map((item) => item.name).sort();

describe('shortlist', () => {
  it('keeps services for their owner only, adding twice changes nothing', async () => {
    const sam = await signUp();
    const alex = await signUp();
    expect((await call('PUT', `/${ids[0]}`, sam)).statusCode).toBe(200);
    expect(names(await call('PUT', `/${ids[0]}`, sam))).toEqual(['Avon Care']);
    expect(names(await call('PUT', `/${ids[1]}`, sam))).toEqual(['Avon Care', 'Brook Care']);
    expect(names(await call('GET', '', alex))).toEqual([]);
    // Alex removing Sam's item changes nothing of Sam's.
    await call('DELETE', `/${ids[0]}`, alex);
    expect(names(await call('GET', '', sam))).toEqual(['Avon Care', 'Brook Care']);
    expect(names(await call('DELETE', `/${ids[0]}`, sam))).toEqual(['Brook Care']);
  });

  it('merges a shortlist kept before signing in, skipping services no longer listed', async () => {
    const sam = await signUp();
    await call('PUT', `/${ids[2]}`, sam);
    const gone = randomUUIDLike();
    const merged = await call('POST', '/merge', sam, { serviceIds: [ids[0], ids[2], gone] });
    expect(merged.statusCode).toBe(200);
    expect(names(merged)).toEqual(['Avon Care', 'Cedar Care']);
  });

  it('hides a service once it is no longer published', async () => {
    const sam = await signUp();
    await call('PUT', `/${ids[1]}`, sam);
    await ctx.database.handle.db.update(services).set({ status: 'suspended' }).where(eq(services.id, ids[1]!));
    expect(names(await call('GET', '', sam))).toEqual([]);
    expectProblem(await call('PUT', `/${ids[1]}`, sam), 404);
    await ctx.database.handle.db.update(services).set({ status: 'published' }).where(eq(services.id, ids[1]!));
  });

  it('answers anonymous callers and bad input with problem+json, and limits the size', async () => {
    expectProblem(await call('GET', ''), 401);
    expectProblem(await call('PUT', `/${ids[0]}`), 401);
    const sam = await signUp();
    expectProblem(await call('PUT', '/not-a-uuid', sam), 400);
    expectProblem(await call('PUT', `/${randomUUIDLike()}`, sam), 404);
    expectProblem(await call('POST', '/merge', sam, { serviceIds: ['x'] }), 400);
    expectProblem(await call('POST', '/merge', sam, { serviceIds: [], extra: 1 }), 400);
    const tooMany = Array.from({ length: SHORTLIST_LIMIT + 1 }, randomUUIDLike);
    expectProblem(await call('POST', '/merge', sam, { serviceIds: tooMany }), 400);
  });
});

describe('shortlist size', () => {
  it(`refuses to grow past ${SHORTLIST_LIMIT} services and keeps what was there`, async () => {
    const org = await makeOrganisation(ctx.database.handle.db);
    const many: string[] = [];
    for (let n = 0; n <= SHORTLIST_LIMIT; n++) {
      many.push((await makeService(ctx.database.handle.db, { organisationId: org.id, name: `Limit Care ${n}` })).id);
    }
    const sam = await signUp();
    expect((await call('POST', '/merge', sam, { serviceIds: many.slice(0, SHORTLIST_LIMIT) })).statusCode).toBe(200);
    expectProblem(await call('PUT', `/${many[SHORTLIST_LIMIT]}`, sam), 409);
    expect((await call('GET', '', sam)).json<Shortlist>().items).toHaveLength(SHORTLIST_LIMIT);
  });
});

function randomUUIDLike(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
