// "Where?" with a town name: located through the place index and searched by distance exactly as a postcode
// is, so "near Chelmsford" never lists Margate (issue 14, item 2). Unknown places are said to be unknown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse } from '@care-assist/domain';
import { haversineKm } from '@care-assist/domain';
import { sectorCentroids } from '@care-assist/geo';
import { makeOrganisation, makeService } from './helpers/factories.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;

const at = (sector: string) => {
  const c = sectorCentroids().get(sector)!;
  return { latitude: c.latitude, longitude: c.longitude };
};

beforeAll(async () => {
  ctx = await buildTestApp();
  const db = ctx.database.handle.db;
  const org = await makeOrganisation(db, { name: 'Chelmsford Community Care' });
  const place = (name: string, town: string, county: string, postcode: string, extra = {}) =>
    makeService(db, {
      organisationId: org.id,
      name,
      slug: name.toLowerCase().replace(/\W+/g, '-'),
      town,
      county,
      postcode,
      ...at(postcode.slice(0, -2)),
      ...extra,
    });
  await place('Moulsham Home Care', 'Chelmsford', 'Essex', 'CM2 0AA', { specialisms: ['dementia'] });
  await place('Springfield Home Care', 'Chelmsford', 'Essex', 'CM1 6AA');
  // Far away, but "Chelmsford" is in its name, its provider's name and its summary: text search found it.
  await place('Chelmsford House Margate', 'Margate', 'Kent', 'CT9 1AA', {
    specialisms: ['dementia'],
    summary: 'Run by the Chelmsford Community Care team, on the Margate seafront.',
  });
  await place('Peterborough Home Care', 'Peterborough', 'Cambridgeshire', 'PE1 1AA', { specialisms: ['dementia'] });
  await place('Bay View Care', 'St Ives', 'Cambridgeshire', 'PE27 5AA');
  await place('Lynn Home Care', "King's Lynn", 'Norfolk', 'PE30 1AA');
  await ctx.app.modules.directory.syncSearchIndex();
});
afterAll(() => ctx.close());

async function search(query: string) {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/services?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SearchResponse>();
}

describe('searching near a town', () => {
  it('locates the town and keeps only services within the radius, nearest first', async () => {
    const result = await search('postcode=Chelmsford&radius_km=15');
    expect(result.location).toMatchObject({ kind: 'place', label: 'Chelmsford', radiusKm: 15 });
    expect(result.sort).toBe('distance');
    expect(result.items.map((s) => s.name).sort()).toEqual(['Moulsham Home Care', 'Springfield Home Care']);
    const origin = { lat: result.location!.latitude, lng: result.location!.longitude };
    for (const item of result.items) {
      expect(haversineKm(origin, { lat: item.latitude, lng: item.longitude })).toBeLessThanOrEqual(15);
    }
  });

  it('never counts more services when words are added to a town search', async () => {
    const town = await search('postcode=Chelmsford&radius_km=15');
    const dementia = await search('postcode=Chelmsford&radius_km=15&q=dementia');
    expect(dementia.total).toBeLessThanOrEqual(town.total);
    expect(dementia.items.map((s) => s.name)).toEqual(['Moulsham Home Care']);
  });

  it('finds a town whatever its case, punctuation or a typo', async () => {
    for (const where of ['chelmsford', 'CHELMSFORD', 'Chelmsfrod', 'Chelmsford, Essex']) {
      const result = await search(`postcode=${encodeURIComponent(where)}`);
      expect(result.location?.label, where).toBe('Chelmsford');
    }
    expect((await search(`postcode=${encodeURIComponent('kings lynn')}`)).location?.label).toBe("King's Lynn");
    expect((await search('postcode=Saint%20Ives')).items.map((s) => s.name)).toEqual(['Bay View Care']);
  });

  it('says when it does not know a place instead of showing far-away results', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/services?postcode=Atlantis' });
    const problem = expectProblem(res, 400);
    expect(JSON.stringify(problem)).toContain('We could not find a place called');
    expect(JSON.stringify(problem)).toContain('postcode');
  });
});
