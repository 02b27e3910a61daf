// Who may do what to a listing: every role against every action, with the status the API must answer.
// Then bad input, each a 4xx problem+json with field errors that changes nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderationActions, organisations, services } from '@care-assist/db';
import type { ServiceStatus, UserRole } from '@care-assist/domain';
import { addMember, listingBody, makeOrganisation, makeService, makeUserRow } from './helpers/factories.ts';
import { bearer, buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
type Who = 'anonymous' | 'resident' | 'owner' | 'staff' | 'otherProvider' | 'moderator' | 'admin';
const people = {} as Record<Exclude<Who, 'anonymous'>, { id: string; role: UserRole }>;
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
  ctx = await buildTestApp();
  const db = ctx.database.handle.db;
  orgId = (await makeOrganisation(db, { name: 'Matrix Care' })).id;
  otherOrgId = (await makeOrganisation(db, { name: 'Elsewhere Care' })).id;
  people.resident = await makeUserRow(db, { role: 'resident' });
  people.owner = await makeUserRow(db, { role: 'provider' });
  people.staff = await makeUserRow(db, { role: 'provider' });
  people.otherProvider = await makeUserRow(db, { role: 'provider' });
  people.moderator = await makeUserRow(db, { role: 'moderator' });
  people.admin = await makeUserRow(db, { role: 'admin' });
  await addMember(db, orgId, people.owner.id, 'owner');
  await addMember(db, orgId, people.staff.id, 'staff');
  await addMember(db, otherOrgId, people.otherProvider.id, 'owner');
});
afterAll(() => ctx.close());

const headersFor = (who: Who) => (who === 'anonymous' ? {} : bearer(ctx, people[who]));

interface Action {
  name: string;
  /** The status the listing must be in for the action to make sense. */
  status: ServiceStatus;
  request: (serviceId: string) => { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object };
  expected: Record<Who, number>;
}

const decision = { reasonCode: 'inaccurate', note: 'The prices do not match the website.' };
const providerOnly = {
  anonymous: 401,
  resident: 403,
  owner: 200,
  staff: 200,
  otherProvider: 403,
  moderator: 403,
  admin: 403,
};
const councilOnly = {
  anonymous: 401,
  resident: 403,
  owner: 403,
  staff: 403,
  otherProvider: 403,
  moderator: 200,
  admin: 200,
};

const ACTIONS: Action[] = [
  {
    name: 'read own listing',
    status: 'draft',
    request: (id) => ({ method: 'GET', url: `/api/v1/provider/services/${id}` }),
    expected: providerOnly,
  },
  {
    name: 'edit listing',
    status: 'draft',
    request: (id) => ({
      method: 'PATCH',
      url: `/api/v1/provider/services/${id}`,
      payload: { pricePerHourPence: 3300 },
    }),
    expected: providerOnly,
  },
  {
    name: 'submit listing',
    status: 'draft',
    request: (id) => ({ method: 'POST', url: `/api/v1/provider/services/${id}/submit` }),
    expected: providerOnly,
  },
  {
    name: 'create listing in the organisation',
    status: 'draft',
    request: () => ({
      method: 'POST',
      url: '/api/v1/provider/services',
      payload: listingBody(orgId, { name: `New listing ${Math.random()}` }),
    }),
    expected: { ...providerOnly, owner: 201, staff: 201 },
  },
  {
    name: 'invite staff',
    status: 'draft',
    request: () => ({
      method: 'POST',
      url: `/api/v1/organisations/${orgId}/members`,
      payload: { email: `new${Math.random()}@example.test`, role: 'staff' },
    }),
    expected: { ...providerOnly, owner: 201, staff: 403 },
  },
  {
    name: 'see the verification queue',
    status: 'pending',
    request: () => ({ method: 'GET', url: '/api/v1/moderation/services' }),
    expected: councilOnly,
  },
  {
    name: 'publish',
    status: 'pending',
    request: (id) => ({ method: 'POST', url: `/api/v1/moderation/services/${id}/publish` }),
    expected: councilOnly,
  },
  {
    name: 'reject',
    status: 'pending',
    request: (id) => ({ method: 'POST', url: `/api/v1/moderation/services/${id}/reject`, payload: decision }),
    expected: councilOnly,
  },
  {
    name: 'suspend',
    status: 'published',
    request: (id) => ({ method: 'POST', url: `/api/v1/moderation/services/${id}/suspend`, payload: decision }),
    expected: councilOnly,
  },
  {
    name: 'verify organisation',
    status: 'draft',
    request: () => ({ method: 'POST', url: `/api/v1/moderation/organisations/${orgId}/verify` }),
    expected: councilOnly,
  },
  {
    name: 'register an organisation',
    status: 'draft',
    request: () => ({
      method: 'POST',
      url: '/api/v1/organisations',
      payload: { name: 'A New Care Co', sector: 'private' },
    }),
    expected: { anonymous: 401, resident: 403, owner: 201, staff: 201, otherProvider: 201, moderator: 403, admin: 403 },
  },
];

const ROLES: Who[] = ['anonymous', 'resident', 'owner', 'staff', 'otherProvider', 'moderator', 'admin'];

describe('authorisation matrix', () => {
  for (const action of ACTIONS) {
    it.each(ROLES)(`${action.name}: %s`, async (who) => {
      const db = ctx.database.handle.db;
      const service = await makeService(db, { organisationId: orgId, status: action.status });
      const res = await ctx.app.inject({ ...action.request(service.id), headers: headersFor(who) });
      const expected = action.expected[who];
      if (expected >= 400) {
        expectProblem(res, expected);
        const [after] = await db.select().from(services).where(eq(services.id, service.id));
        expect(after).toEqual(service);
      } else {
        expect(res.statusCode, res.body).toBe(expected);
      }
    });
  }

  it('refuses another organisation’s listing in the service layer, whatever calls it', async () => {
    const db = ctx.database.handle.db;
    const service = await makeService(db, { organisationId: orgId, status: 'published' });
    const intruder = { userId: people.otherProvider.id, role: 'provider' as const };
    await expect(ctx.app.modules.listings.update(intruder, service.id, { name: 'Taken over' })).rejects.toMatchObject({
      status: 403,
    });
    await expect(ctx.app.modules.listings.submit(intruder, service.id)).rejects.toMatchObject({ status: 403 });
    await expect(ctx.app.modules.verification.publish(intruder, service.id)).rejects.toMatchObject({ status: 403 });
    const [after] = await db.select().from(services).where(eq(services.id, service.id));
    expect(after).toEqual(service);
  });

  it('shows a provider only its own organisations and listings', async () => {
    const db = ctx.database.handle.db;
    await makeService(db, { organisationId: otherOrgId, name: 'Not Yours Home Care', status: 'draft' });
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/provider/services', headers: headersFor('owner') });
    const items = res.json<{ items: { organisationId: string }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.organisationId === orgId)).toBe(true);
    const orgs = await ctx.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: headersFor('owner') });
    const orgIds = orgs.json<{ items: { id: string }[] }>().items.map((o) => o.id);
    expect(orgIds).toContain(orgId);
    expect(orgIds).not.toContain(otherOrgId);
    expectProblem(
      await ctx.app.inject({ method: 'GET', url: `/api/v1/organisations/${otherOrgId}`, headers: headersFor('owner') }),
      403,
    );
  });
});

describe('bad input', () => {
  const cases: { name: string; patch: Record<string, unknown>; field: string }[] = [
    { name: 'a price of the wrong type', patch: { pricePerHourPence: 'twenty pounds' }, field: 'pricePerHourPence' },
    { name: 'a price in pounds with pence', patch: { pricePerHourPence: 29.5 }, field: 'pricePerHourPence' },
    { name: 'an absurd hourly price', patch: { pricePerHourPence: 2_950_000 }, field: 'pricePerHourPence' },
    { name: 'a negative weekly price', patch: { pricePerWeekPence: -100 }, field: 'pricePerWeekPence' },
    { name: 'an unknown care type', patch: { careTypes: ['spa_break'] }, field: 'careTypes.0' },
    { name: 'an unknown specialism', patch: { specialisms: ['astrology'] }, field: 'specialisms.0' },
    { name: 'no care type at all', patch: { careTypes: [] }, field: 'careTypes' },
    { name: 'an unknown postcode', patch: { postcode: 'ZZ9 9ZZ' }, field: 'postcode' },
    { name: 'a postcode district only', patch: { postcode: 'CM1 1' }, field: 'postcode' },
    { name: 'an unknown field', patch: { status: 'published' }, field: 'status' },
    { name: 'a radius beyond 100 km', patch: { areaServedKm: 500 }, field: 'areaServedKm' },
    { name: 'a website that is not http', patch: { website: 'javascript:alert(1)' }, field: 'website' },
  ];

  it.each(cases)('refuses $name with a field error and changes nothing', async ({ patch, field }) => {
    const db = ctx.database.handle.db;
    const service = await makeService(db, { organisationId: orgId, status: 'published' });
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/provider/services/${service.id}`,
      headers: headersFor('owner'),
      payload: patch,
    });
    const problem = expectProblem(res, 400);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
    const [after] = await db.select().from(services).where(eq(services.id, service.id));
    expect(after).toEqual(service);
  });

  it('refuses an unknown postcode on a new listing and creates nothing', async () => {
    const db = ctx.database.handle.db;
    const before = await db.select({ id: services.id }).from(services);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/provider/services',
      headers: headersFor('owner'),
      payload: listingBody(orgId, { name: 'Nowhere Care', postcode: 'ZZ9 9ZZ' }),
    });
    const errors = expectProblem(res, 400).errors ?? [];
    expect(errors.map((e) => e.field)).toEqual(['postcode']);
    expect(errors[0]?.message).toContain('full postcode');
    expect(await db.select({ id: services.id }).from(services)).toHaveLength(before.length);
  });

  it('stores HTML and script as the text that was typed', async () => {
    const text = '<script>alert("x")</script> <b>Bold</b> & friends';
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/provider/services',
      headers: headersFor('owner'),
      payload: listingBody(orgId, { name: 'Script Kiddie Care', description: text }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<{ description: string }>().description).toBe(text);
  });

  it('refuses a reject without a known reason code and writes no audit row', async () => {
    const db = ctx.database.handle.db;
    const service = await makeService(db, { organisationId: orgId, status: 'pending' });
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/moderation/services/${service.id}/reject`,
      headers: headersFor('moderator'),
      payload: { reasonCode: 'dont_like_it', note: 'No.' },
    });
    expect(expectProblem(res, 400).errors?.map((e) => e.field)).toContain('reasonCode');
    expect(await db.select().from(moderationActions).where(eq(moderationActions.targetId, service.id))).toEqual([]);
  });

  it('refuses a second organisation with the same CQC provider id', async () => {
    const db = ctx.database.handle.db;
    await makeOrganisation(db, { name: 'First', cqcProviderId: '1-999999999' });
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: headersFor('owner'),
      payload: { name: 'Second', sector: 'private', cqcProviderId: '1-999999999' },
    });
    expectProblem(res, 409);
    expect(await db.select().from(organisations).where(eq(organisations.name, 'Second'))).toEqual([]);
  });
});
