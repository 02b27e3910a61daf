// Search and service pages over a fixture whose right answers are known: services placed at real
// postcode sectors around Essex and Suffolk, at distances we can compute by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse, ServiceDetail } from '@care-assist/domain';
import { haversineKm } from '@care-assist/domain';
import { sectorCentroids } from '@care-assist/geo';
import { makeOrganisation, makeService } from './helpers/factories.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;

const at = (sector: string) => {
  const c = sectorCentroids().get(sector);
  if (!c) throw new Error(`no sector ${sector}`);
  return { latitude: c.latitude, longitude: c.longitude };
};

beforeAll(async () => {
  ctx = await buildTestApp();
  const db = ctx.database.handle.db;
  const org = await makeOrganisation(db, { name: 'Chelmer Valley Care' });
  await makeService(db, {
    organisationId: org.id,
    name: 'Moulsham Home Care',
    slug: 'moulsham-home-care',
    postcode: 'CM2 0AA',
    ...at('CM2 0'),
  });
  await makeService(db, {
    organisationId: org.id,
    name: 'Springfield Home Care',
    slug: 'springfield-home-care',
    postcode: 'CM1 6AA',
    ...at('CM1 6'),
  });
  await makeService(db, {
    organisationId: org.id,
    name: 'Writtle Home Support',
    slug: 'writtle-home-support',
    postcode: 'CM1 3AA',
    ...at('CM1 3'),
  });
  await makeService(db, {
    organisationId: org.id,
    name: 'The Willows Care Home',
    slug: 'the-willows-care-home',
    careTypes: ['care_home'],
    postcode: 'CM1 1AB',
    ...at('CM1 1'),
    pricePerHourPence: null,
    pricePerWeekPence: 125_000,
    summary: 'Residential care for older people in the heart of Chelmsford.',
  });
  await makeService(db, {
    organisationId: org.id,
    name: 'Colne Home Care',
    slug: 'colne-home-care',
    town: 'Colchester',
    postcode: 'CO1 1AA',
    ...at('CO1 1'),
  });
  await makeService(db, {
    organisationId: org.id,
    name: 'Ipswich Nursing Home',
    slug: 'ipswich-nursing-home',
    careTypes: ['nursing_home'],
    town: 'Ipswich',
    county: 'Suffolk',
    postcode: 'IP1 1AA',
    ...at('IP1 1'),
  });
  await makeService(db, {
    organisationId: org.id,
    name: 'Draft Home Care',
    slug: 'draft-home-care',
    status: 'draft',
    postcode: 'CM1 1AA',
    ...at('CM1 1'),
  });
  const sync = await ctx.app.modules.directory.syncSearchIndex();
  expect(sync).toEqual({ rebuilt: true, count: 6 });
});
afterAll(() => ctx.close());

async function search(query: string) {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/services?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SearchResponse>();
}

describe('GET /api/v1/services', () => {
  it('finds home care near CM1 ordered by distance, with the distance in each hit', async () => {
    const result = await search('postcode=CM1&care_type=home_care&radius_km=10');
    expect(result.sort).toBe('distance');
    expect(result.location).toMatchObject({ label: 'CM1', kind: 'district' });
    const names = result.items.map((s) => s.name);
    expect(names).toHaveLength(3);
    expect(names).not.toContain('The Willows Care Home');
    expect(names).not.toContain('Colne Home Care');
    const distances = result.items.map((s) => s.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const origin = { lat: result.location!.latitude, lng: result.location!.longitude };
    for (const item of result.items) {
      expect(item.distanceKm!).toBeCloseTo(haversineKm(origin, { lat: item.latitude, lng: item.longitude }), 0);
    }
  });

  it.each(['CM1 1AA', 'cm11aa', 'CM1 1', 'CM1'])('locates %j with no network', async (where) => {
    const result = await search(`postcode=${encodeURIComponent(where)}&radius_km=5`);
    expect(result.location?.label).toMatch(/^CM1( 1)?$/);
    expect(result.items.map((s) => s.name)).toContain('The Willows Care Home');
  });

  it('keeps only services inside the radius', async () => {
    const near = await search('postcode=CO1%201AA&radius_km=3');
    expect(near.items.map((s) => s.name)).toEqual(['Colne Home Care']);
    const wide = await search('postcode=CO1%201AA&radius_km=50');
    expect(wide.items.map((s) => s.name)).toContain('Moulsham Home Care');
    expect(wide.items.map((s) => s.name)).toContain('Ipswich Nursing Home');
  });

  it('finds services near a town by locating it (place index), not by matching its name as text', async () => {
    const result = await search('postcode=Colchester&radius_km=10');
    expect(result.placeQuery).toBe('Colchester');
    expect(result.location).toMatchObject({ kind: 'place', label: 'Colchester', radiusKm: 10 });
    expect(result.items.map((s) => s.name)).toEqual(['Colne Home Care']);
  });

  it('forgives a typo in a place name', async () => {
    const result = await search('q=Ipswhich');
    expect(result.items.map((s) => s.name)).toContain('Ipswich Nursing Home');
  });

  it('filters by care type', async () => {
    const result = await search('care_type=nursing_home');
    expect(result.items.map((s) => s.name)).toEqual(['Ipswich Nursing Home']);
  });

  it('never shows unpublished services', async () => {
    const result = await search('q=Draft');
    expect(result.items.map((s) => s.name)).not.toContain('Draft Home Care');
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/v1/services/draft-home-care' }), 404);
  });

  it('pages through results with a total', async () => {
    const first = await search('postcode=CM1&radius_km=50&per_page=2&page=1');
    const second = await search('postcode=CM1&radius_km=50&per_page=2&page=2');
    expect(first.total).toBe(5);
    expect(first.totalPages).toBe(3);
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(2);
    expect(new Set([...first.items, ...second.items].map((s) => s.id)).size).toBe(4);
    const beyond = await search('postcode=CM1&radius_km=50&per_page=2&page=9');
    expect(beyond.items).toEqual([]);
  });

  it('shows prices in pence and the CQC rating in each result', async () => {
    const result = await search('q=Willows');
    expect(result.items[0]).toMatchObject({
      headlinePrice: { unit: 'week', amountPence: 125_000 },
      cqcRating: 'good',
      rating: { count: 0, mean: null, text: 'No reviews yet' },
    });
  });

  it('copes with unicode and emoji in the query', async () => {
    const result = await search(`q=${encodeURIComponent('café 👵 care')}`);
    expect(Array.isArray(result.items)).toBe(true);
  });

  it.each([
    ['an unknown postcode', 'postcode=ZZ99%209ZZ', 'postcode'],
    ['a negative radius', 'postcode=CM1&radius_km=-5', 'radius_km'],
    ['a radius over 100 km', 'postcode=CM1&radius_km=500', 'radius_km'],
    ['an unknown care type', 'care_type=spa_day', 'care_type'],
    ['an oversized page', 'per_page=500', 'per_page'],
    ['page zero', 'page=0', 'page'],
    ['a non-numeric radius', 'postcode=CM1&radius_km=far', 'radius_km'],
    ['an unknown filter', 'colour=blue', 'colour'],
    ['a 10,000 character query', `q=${'a'.repeat(10_000)}`, 'q'],
    ['distance sort without a postcode', 'sort=distance', 'sort'],
  ])('rejects %s with a 400 problem naming the field', async (_label, query, field) => {
    const problem = expectProblem(await ctx.app.inject({ method: 'GET', url: `/api/v1/services?${query}` }), 400);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });
});

describe('GET /api/v1/services/:idOrSlug', () => {
  it('returns the full service page by slug and by id', async () => {
    const bySlug = await ctx.app.inject({ method: 'GET', url: '/api/v1/services/the-willows-care-home' });
    expect(bySlug.statusCode).toBe(200);
    const detail = bySlug.json<ServiceDetail>();
    expect(detail).toMatchObject({
      name: 'The Willows Care Home',
      organisation: { name: 'Chelmer Valley Care', sector: 'private' },
      prices: [{ unit: 'week', amountPence: 125_000 }],
      fundingAccepted: ['self_funded', 'personal_budget'],
      careTypes: ['care_home'],
    });
    const byId = await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${detail.id}` });
    expect(byId.json<ServiceDetail>().slug).toBe('the-willows-care-home');
  });

  it('answers 404 problem+json for an unknown service', async () => {
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/v1/services/no-such-service' }), 404);
    expectProblem(
      await ctx.app.inject({ method: 'GET', url: '/api/v1/services/00000000-0000-4000-8000-000000000000' }),
      404,
    );
  });
});
