// Every filter, sort and facet of GET /api/v1/services, run twice over the same fixture: once answered by the
// real Meilisearch and once by the Postgres fallback. The fixture is five services north of CM1 1 at known
// distances, with prices, ratings and value scores chosen so every right answer is known in advance.
import { eq } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchEvents, serviceRatings, type Database } from '@care-assist/db';
import type { SearchResponse } from '@care-assist/domain';
import { sectorCentroids } from '@care-assist/geo';
import { createPostgresSearchIndex, NEUTRAL_RANKING_SCORE, SERVICE_DOCUMENT_VERSION } from '@care-assist/search';
import app, { fastifyOptions } from '../src/app.ts';
import { makeOrganisation, makeService } from './helpers/factories.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
let postgresApp: FastifyInstance;

const origin = sectorCentroids().get('CM1 1')!;
/** A point `km` due north of the CM1 1 sector centroid. */
const north = (km: number) => ({ latitude: origin.latitude + km / 111.195, longitude: origin.longitude });

async function rate(
  db: Database,
  serviceId: string,
  rating: { reviewCount: number; meanOverall: number | null; rankingScore: number; valueScore: number | null },
) {
  // computedAt marks the aggregate as made by the rating aggregator, which search then trusts.
  await db
    .update(serviceRatings)
    .set({ ...rating, computedAt: new Date() })
    .where(eq(serviceRatings.serviceId, serviceId));
}

beforeAll(async () => {
  ctx = await buildTestApp();
  const db = ctx.database.handle.db;
  const org = await makeOrganisation(db, { name: 'Blackwater Care Group' });
  const alpha = await makeService(db, {
    organisationId: org.id,
    name: 'Alpha Home Care',
    careTypes: ['home_care'],
    specialisms: ['dementia'],
    fundingAccepted: ['self_funded', 'personal_budget'],
    pricePerHourPence: 2500,
    cqcRating: 'good',
    acceptingNewClients: true,
    languages: ['English', 'Polish'],
    councilAccredited: true,
    ...north(0.5),
  });
  const bravo = await makeService(db, {
    organisationId: org.id,
    name: 'Bravo Live-in Support',
    careTypes: ['live_in_care'],
    specialisms: ['end_of_life'],
    fundingAccepted: ['self_funded'],
    pricePerHourPence: null,
    pricePerWeekPence: 120_000,
    cqcRating: 'outstanding',
    acceptingNewClients: false,
    languages: ['English'],
    summary: 'Live-in carers for people who want to stay at home.',
    ...north(2),
  });
  await makeService(db, {
    organisationId: org.id,
    name: 'Writtle Meadows Care Home',
    careTypes: ['care_home'],
    specialisms: ['dementia', 'older_people'],
    fundingAccepted: ['council_funded', 'self_funded'],
    pricePerHourPence: null,
    pricePerWeekPence: 95_000,
    cqcRating: 'requires_improvement',
    languages: ['English', 'Punjabi'],
    councilAccredited: true,
    summary: 'A residential home with a large garden.',
    ...north(5),
  });
  const delta = await makeService(db, {
    organisationId: org.id,
    name: 'Delta Nursing',
    careTypes: ['nursing_home'],
    specialisms: ['mental_health'],
    fundingAccepted: ['council_funded'],
    pricePerHourPence: null,
    pricePerWeekPence: 150_000,
    cqcRating: 'good',
    languages: ['English'],
    summary: 'Nursing around the clock.',
    ...north(10),
  });
  const echo = await makeService(db, {
    organisationId: org.id,
    name: 'Echo Home Help',
    careTypes: ['home_care'],
    fundingAccepted: ['personal_budget'],
    pricePerHourPence: 3200,
    cqcRating: 'inadequate',
    languages: ['English', 'Polish'],
    ...north(30),
  });
  await rate(db, alpha.id, { reviewCount: 10, meanOverall: 4.5, rankingScore: 4.2, valueScore: 0.9 });
  await rate(db, bravo.id, { reviewCount: 40, meanOverall: 4.8, rankingScore: 4.7, valueScore: 0.5 });
  await rate(db, delta.id, { reviewCount: 3, meanOverall: 2.5, rankingScore: 2.9, valueScore: 0.2 });
  await rate(db, echo.id, { reviewCount: 5, meanOverall: 3.8, rankingScore: 3.7, valueScore: 0.7 });
  // Writtle Meadows was never rated: it ranks at the neutral score (the prior's anchor, 3.5), no value score.
  expect(NEUTRAL_RANKING_SCORE).toBe(3.5);
  await ctx.app.modules.directory.syncSearchIndex();

  // The same API over the same database, but searching Postgres: what answers while Meilisearch is down.
  postgresApp = Fastify(fastifyOptions(ctx.config));
  await postgresApp.register(app, {
    config: ctx.config,
    db: ctx.database.handle,
    search: createPostgresSearchIndex({ query: ctx.database.handle.query }),
  });
  await postgresApp.ready();
});
afterAll(async () => {
  await postgresApp?.close();
  await ctx?.close();
});

const A = 'Alpha Home Care';
const B = 'Bravo Live-in Support';
const C = 'Writtle Meadows Care Home';
const D = 'Delta Nursing';
const E = 'Echo Home Help';

const backends = [
  { name: 'meilisearch', api: () => ctx.app },
  { name: 'postgres', api: () => postgresApp },
] as const;

describe.each(backends)('search through $name', ({ name, api }) => {
  async function search(query: string) {
    const res = await api().inject({
      method: 'GET',
      url: `/api/v1/services?${query.includes('per_page') ? '' : 'per_page=50&'}${query}`,
    });
    if (res.statusCode !== 200) throw new Error(`${query}: ${res.statusCode} ${res.body}`);
    expect(res.headers['x-search-backend']).toBe(name);
    return res.json<SearchResponse>();
  }
  const names = async (query: string) => (await search(query)).items.map((item) => item.name);
  const nameSet = async (query: string) => (await names(query)).sort();

  it('finds services within the radius, nearest first, with distances', async () => {
    const body = await search('postcode=CM1%201AA&sort=distance');
    expect(body.items.map((i) => i.name)).toEqual([A, B, C, D]);
    expect(body.items.map((i) => Math.round(i.distanceKm!))).toEqual([1, 2, 5, 10]);
    expect(await names('postcode=CM1%201AA&radius_km=50&sort=distance')).toEqual([A, B, C, D, E]);
    expect(await names('postcode=CM1%201AA&radius_km=3')).toEqual([A, B]);
  });

  it.each([
    ['care_type=home_care', [A, E]],
    ['specialism=dementia', [A, C]],
    ['funding=council_funded', [C, D]],
    ['funding=personal_budget', [A, E]],
    ['price_max=3000', [A]],
    ['price_min=3000&price_max=3500', [E]],
    ['price_min=100000&price_unit=week', [B, D]],
    ['price_max=100000&price_unit=week', [C]],
    ['min_rating=4', [A, B]],
    ['min_rating=3.8', [A, B, E]],
    ['cqc_rating=good', [A, D]],
    ['cqc_rating=good&cqc_rating=outstanding', [A, B, D]],
    ['vacancies=true', [A, C, D, E]],
    ['language=Polish', [A, E]],
    ['language=Punjabi', [C]],
    ['council_accredited=true', [A, C]],
    ['care_type=home_care&funding=self_funded&language=Polish', [A]],
    ['specialism=autism', []],
  ])('filters by %s', async (query, expected) => {
    expect(await nameSet(query)).toEqual([...expected].sort());
  });

  it.each([
    ['sort=rating', [B, A, E, C, D]],
    ['sort=value', [A, E, B, D, C]],
    ['sort=price', [A, E, C, B, D]],
    ['sort=price&price_unit=week', [C, B, D, A, E]],
    ['sort=price&price_unit=hour&care_type=home_care', [A, E]],
    ['postcode=CM1%201AA&radius_km=50&sort=rating', [B, A, E, C, D]],
  ])('sorts by %s', async (query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it('finds words, synonyms and typos', async () => {
    expect(await nameSet('q=dementia')).toEqual([A, C].sort());
    expect(await names('q=Writle%20Medows')).toEqual([C]);
    expect(await names('q=Alpah')).toContain(A);
    expect(await names('q=Blackwater')).toHaveLength(5);
    expect(await names('q=zzzzqqqq')).toEqual([]);
  });

  it('counts facets under the filters in force', async () => {
    const all = await search('');
    expect(all.total).toBe(5);
    expect(all.facets.careTypes).toEqual({ home_care: 2, live_in_care: 1, care_home: 1, nursing_home: 1 });
    expect(all.facets.languages).toEqual({ English: 5, Polish: 2, Punjabi: 1 });
    expect(all.facets.cqcRating).toEqual({ good: 2, outstanding: 1, requires_improvement: 1, inadequate: 1 });
    expect(all.facets.specialisms).toEqual({ dementia: 2, end_of_life: 1, older_people: 1, mental_health: 1 });
    const homeCare = await search('care_type=home_care');
    expect(homeCare.facets.fundingAccepted).toEqual({ self_funded: 1, personal_budget: 2 });
    expect(homeCare.facets.careTypes).toEqual({ home_care: 2 });
  });

  it('pages through results with a stable total', async () => {
    const first = await search('sort=rating&per_page=2&page=1');
    const third = await search('sort=rating&per_page=2&page=3');
    const beyond = await search('sort=rating&per_page=2&page=9');
    expect(first.items.map((i) => i.name)).toEqual([B, A]);
    expect(third.items.map((i) => i.name)).toEqual([D]);
    expect([first.total, first.totalPages, third.total, beyond.total]).toEqual([5, 3, 5, 5]);
    expect(beyond.items).toEqual([]);
  });

  it('returns the fields a result needs, the same from both backends', async () => {
    const [alpha] = (await search('q=Alpha')).items;
    expect(alpha).toMatchObject({
      name: A,
      organisationName: 'Blackwater Care Group',
      headlinePrice: { unit: 'hour', amountPence: 2500 },
      cqcRating: 'good',
      acceptingNewClients: true,
      councilAccredited: true,
      fundingAccepted: ['self_funded', 'personal_budget'],
      valueScore: 0.9,
      rating: { mean: 4.5, count: 10, text: '4.5 out of 5 from 10 reviews' },
    });
    expect(alpha!.rating.rankingScore).toBeCloseTo(4.2, 5);
  });

  it('answers bad input with a clear 400, never a 5xx', async () => {
    for (const query of [
      `q=${'a'.repeat(10_000)}`,
      'colour=blue',
      'radius_km=1000&postcode=CM1%201AA',
      'radius_km=-3&postcode=CM1%201AA',
      'per_page=500',
      'page=0',
      'min_rating=7',
      'price_min=-1',
      'price_min=5000&price_max=100',
      'price_max=99999999999',
      'cqc_rating=brilliant',
      'sort=cheapest',
      'sort=distance',
      'vacancies=maybe',
      'care_type=spa',
    ]) {
      const res = await api().inject({ method: 'GET', url: `/api/v1/services?${query}` });
      expectProblem(res, 400);
    }
  });

  it('treats unicode and emoji as words, not errors', async () => {
    for (const q of ['🏠 care 😊', 'Écosse café', '"unclosed', 'a & b | !c', "O'Neill", '%_\\']) {
      const res = await api().inject({ method: 'GET', url: `/api/v1/services?q=${encodeURIComponent(q)}` });
      expect(res.statusCode, q).toBe(200);
    }
    expect(await names(`language=${encodeURIComponent('🏠')}`)).toEqual([]);
  });
});

describe('search events', () => {
  it('records every search anonymously: words, filters, outcode only, result count and backend', async () => {
    const db = ctx.database.handle.db;
    await db.delete(searchEvents);
    await ctx.app.inject({ method: 'GET', url: '/api/v1/services?q=dementia&postcode=CM1%201AA&funding=self_funded' });
    await postgresApp.inject({ method: 'GET', url: '/api/v1/services?postcode=Chelmsford&care_type=home_care' });
    const events = await db.select().from(searchEvents).orderBy(searchEvents.id);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ query: 'dementia', outcode: 'CM1', place: null, resultCount: 2 });
    expect(events[0]).toMatchObject({ backend: 'meilisearch' });
    expect(events[0]!.filters).toMatchObject({ funding: 'self_funded', sort: 'relevance', radius_km: 15 });
    expect(events[1]).toMatchObject({ query: null, outcode: null, place: 'Chelmsford', backend: 'postgres' });
    // No full postcode anywhere in what was stored.
    expect(JSON.stringify(events)).not.toMatch(/1AA/i);
    expect(Object.keys(events[0]!)).not.toContain('userId');
  });
});

describe('GET /api/v1/suggestions', () => {
  const suggest = async (q: string) => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/suggestions?q=${encodeURIComponent(q)}` });
    expect(res.statusCode).toBe(200);
    return res.json<{ suggestions: { kind: string; label: string; value: string }[] }>().suggestions;
  };

  it('suggests towns that have services, postcode districts and care types', async () => {
    expect(await suggest('chel')).toEqual([{ kind: 'town', label: 'Chelmsford', value: 'Chelmsford' }]);
    expect((await suggest('CM1')).map((s) => s.value)).toEqual(expect.arrayContaining(['CM1', 'CM11', 'CM12']));
    expect((await suggest('cm1')).every((s) => s.kind === 'postcode_district')).toBe(true);
    expect((await suggest('nursing')).map((s) => s.value)).toEqual(['nursing_home']);
    expect(await suggest('%')).toEqual([]);
    expect(await suggest('🏠')).toEqual([]);
  });

  it('rejects an empty or overlong query', async () => {
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/v1/suggestions?q=' }), 400);
    expectProblem(await ctx.app.inject({ method: 'GET', url: `/api/v1/suggestions?q=${'a'.repeat(61)}` }), 400);
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/v1/suggestions' }), 400);
  });
});

describe('start-up sync', () => {
  it('rebuilds an index whose documents have an older shape, even when the count matches', async () => {
    expect(await ctx.app.modules.directory.syncSearchIndex()).toEqual({ rebuilt: false, count: 5 });
    const { hits } = await ctx.search.search({ sort: 'relevance', offset: 0, limit: 50 });
    await ctx.search.upsert(hits.map(({ distanceKm: _distance, ...doc }) => ({ ...doc, documentVersion: 1 })));
    expect(await ctx.app.modules.directory.syncSearchIndex()).toEqual({ rebuilt: true, count: 5 });
    const after = await ctx.search.search({ sort: 'relevance', offset: 0, limit: 50 });
    expect(after.hits.every((hit) => hit.documentVersion === SERVICE_DOCUMENT_VERSION)).toBe(true);
  });
});
