// The Postgres fallback reads at most a capped number of candidates for a search of all England (MAX_CANDIDATES;
// a small cap here): pages stay exact in the order asked for and stable for paging, the total becomes the
// planner's estimate, and a search near a place is never capped.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceRatings } from '@care-assist/db';
import { createPostgresSearchIndex, type SearchIndex, type SearchRequest } from '@care-assist/search';
import { makeOrganisation, makeService } from './helpers/factories.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.ts';

let database: TestDatabase;
let capped: SearchIndex;
let uncapped: SearchIndex;
const SERVICES = 9;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.handle.db;
  const org = await makeOrganisation(db, { name: 'Blackwater Group' });
  for (let i = 0; i < SERVICES; i++) {
    const service = await makeService(db, {
      organisationId: org.id,
      name: `Dementia Care ${i}`,
      careTypes: ['care_home'],
      specialisms: ['dementia'],
      pricePerHourPence: null,
      // Two services share each weekly price, so ties are broken as the uncapped order breaks them.
      pricePerWeekPence: 90_000 + Math.floor(i / 2) * 1000,
      latitude: 51.7356 + i * 0.001,
    });
    // Ratings in no relation to ids or prices, so the orders differ.
    await db
      .update(serviceRatings)
      .set({ computedAt: new Date(), rankingScore: 1 + ((i * 4) % SERVICES) / 2 })
      .where(eq(serviceRatings.serviceId, service.id));
  }
  capped = createPostgresSearchIndex({ query: database.handle.query, maxCandidates: 3 });
  uncapped = createPostgresSearchIndex({ query: database.handle.query, maxCandidates: 1000 });
});
afterAll(async () => {
  await database?.drop();
});

const ids = (result: { hits: { id: string }[] }) => result.hits.map((hit) => hit.id);
const request = (overrides: Partial<SearchRequest>): SearchRequest => ({
  sort: 'relevance',
  offset: 0,
  limit: 2,
  ...overrides,
});

describe('the Postgres fallback past its candidate cap', () => {
  it('gives the same page in the order asked for, with an estimated total', async () => {
    const byPrice = request({ sort: 'price', priceUnit: 'week', careType: 'care_home' });
    const exact = await uncapped.search(byPrice);
    const fromCandidates = await capped.search(byPrice);
    expect(ids(fromCandidates)).toEqual(ids(exact));
    expect(exact.total).toBe(SERVICES);
    expect(fromCandidates.total).toBeGreaterThan(3);
    // Facets count the candidates read, never more than there are.
    expect(fromCandidates.facets.cqcRating.good).toBeLessThanOrEqual(SERVICES);
  });

  it('pages a text search through every match once, the same way every time', async () => {
    // Pages of 2 from blocks of 3 candidates: some pages take from two blocks.
    const seen: string[] = [];
    for (let offset = 0; offset < SERVICES; offset += 2) {
      const page = await capped.search(request({ text: 'dementia', offset }));
      expect(ids(await capped.search(request({ text: 'dementia', offset })))).toEqual(ids(page));
      seen.push(...ids(page));
    }
    expect(new Set(seen).size).toBe(SERVICES);
    expect(seen).toHaveLength(SERVICES);
  });

  it('never caps a search near a place: its total and facets are exact', async () => {
    const near = request({ near: { latitude: 51.7356, longitude: 0.4685, radiusKm: 10 }, sort: 'distance' });
    const result = await capped.search(near);
    expect(result.total).toBe(SERVICES);
    expect(result.facets.careTypes.care_home).toBe(SERVICES);
    expect(ids(result)).toEqual(ids(await uncapped.search(near)));
  });
});
