// Runs the SearchIndex contract against the real Meilisearch binary, with a handful of services in Essex and
// Suffolk whose right answers (what is near Chelmsford, in what order, how far) are known.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARE_TYPES, haversineKm, type CareType } from '@care-assist/domain';
import { createMeiliSearchIndex } from './meili-index.ts';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from './meili-spawner.ts';
import { SearchUnavailableError, InvalidSearchRequestError } from './search-errors.ts';
import type { SearchIndex, SearchRequest, ServiceDocument } from './search-index.ts';

const CHELMSFORD = { latitude: 51.735, longitude: 0.469 };

function makeService(overrides: Partial<ServiceDocument> & { name: string }): ServiceDocument {
  const careTypes: CareType[] = overrides.careTypes ?? ['home_care'];
  return {
    id: randomUUID(),
    documentVersion: 1,
    slug: overrides.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    organisationName: `${overrides.name} Ltd`,
    summary: 'Care and support.',
    careTypeLabels: careTypes.map((code) => CARE_TYPES[code]),
    specialisms: [],
    languages: ['English'],
    town: 'Chelmsford',
    county: 'Essex',
    postcode: 'CM1 1AA',
    _geo: { lat: 51.735, lng: 0.469 },
    headlinePrice: { unit: 'hour', amountPence: 2800 },
    headlinePricePence: 2800,
    pricePerHourPence: 2800,
    pricePerVisitPence: null,
    pricePerNightPence: null,
    pricePerWeekPence: null,
    fundingAccepted: ['self_funded'],
    cqcRating: 'good',
    acceptingNewClients: true,
    councilAccredited: false,
    ratingMean: 4,
    ratingCount: 10,
    rankingScore: 4,
    valueScore: null,
    updatedAt: Date.UTC(2025, 0, 1),
    ...overrides,
    careTypes,
  };
}

const chelmsfordHomeCare = makeService({
  name: 'Riverside Visiting Support',
  summary: 'Friendly visits for older people in their own homes.',
  rankingScore: 4.2,
});
const moulshamLodge = makeService({
  name: 'Moulsham Lodge',
  careTypes: ['care_home'],
  summary: 'A family-run residence with a garden.',
  postcode: 'CM2 9AA',
  _geo: { lat: 51.718, lng: 0.474 },
  rankingScore: 4.8,
});
const colchesterNursing = makeService({
  name: 'Castle Park Nursing',
  careTypes: ['nursing_home'],
  town: 'Colchester',
  postcode: 'CO1 1AA',
  _geo: { lat: 51.889, lng: 0.901 },
  rankingScore: 3.9,
});
const southendHomeCare = makeService({
  name: 'Seafront Helping Hands',
  town: 'Southend-on-Sea',
  postcode: 'SS1 1AA',
  _geo: { lat: 51.54, lng: 0.71 },
  rankingScore: 3.1,
});
const ipswichCareHome = makeService({
  name: 'Orwell View',
  careTypes: ['care_home'],
  town: 'Ipswich',
  county: 'Suffolk',
  postcode: 'IP1 1AA',
  _geo: { lat: 52.06, lng: 1.15 },
  rankingScore: 4.5,
});
const fixture = [chelmsfordHomeCare, moulshamLodge, colchesterNursing, southendHomeCare, ipswichCareHome];

let meili: EmbeddedMeilisearch;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'care-assist-search-'));
  meili = await startEmbeddedMeilisearch({ dataDir });
});

afterAll(async () => {
  await meili?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Every test group gets its own index, so they cannot see each other's writes. */
async function freshIndex(documents: ServiceDocument[] = fixture): Promise<SearchIndex> {
  const index = createMeiliSearchIndex({
    url: meili.url,
    apiKey: meili.apiKey,
    indexName: `services_${randomUUID().slice(0, 8)}`,
  });
  await index.init();
  await index.upsert(documents);
  return index;
}

function request(overrides: Partial<SearchRequest>): SearchRequest {
  return { sort: 'relevance', offset: 0, limit: 20, ...overrides };
}

const names = (hits: { name: string }[]) => hits.map((hit) => hit.name);

describe('Meilisearch SearchIndex: searching', () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await freshIndex();
  });

  it('keeps only services inside the radius', async () => {
    const result = await index.search(request({ near: { ...CHELMSFORD, radiusKm: 30 } }));
    expect(new Set(names(result.hits))).toEqual(
      new Set([chelmsfordHomeCare.name, moulshamLodge.name, southendHomeCare.name]),
    );
    expect(result.total).toBe(3);
  });

  it('sorts by distance, nearest first, with correct distances', async () => {
    const result = await index.search(request({ near: { ...CHELMSFORD, radiusKm: 100 }, sort: 'distance' }));
    expect(names(result.hits)).toEqual([
      chelmsfordHomeCare.name,
      moulshamLodge.name,
      southendHomeCare.name,
      colchesterNursing.name,
      ipswichCareHome.name,
    ]);
    for (const hit of result.hits) {
      const expectedKm = haversineKm({ lat: CHELMSFORD.latitude, lng: CHELMSFORD.longitude }, hit._geo);
      expect(hit.distanceKm).not.toBeNull();
      // Meilisearch reports whole metres, so allow 1 m besides the 1 %.
      expect(Math.abs(hit.distanceKm! - expectedKm)).toBeLessThanOrEqual(expectedKm * 0.01 + 0.001);
    }
    const ipswich = result.hits.at(-1)!;
    expect(ipswich.distanceKm).toBeGreaterThan(58);
    expect(ipswich.distanceKm).toBeLessThan(60);
  });

  it('gives a distance for relevance and rating sorts too, and none without a location', async () => {
    const byRelevance = await index.search(request({ text: 'Colchester', near: { ...CHELMSFORD, radiusKm: 100 } }));
    expect(names(byRelevance.hits)).toEqual([colchesterNursing.name]);
    expect(byRelevance.hits[0]!.distanceKm).toBeCloseTo(34.28, 1);

    const byRating = await index.search(request({ sort: 'rating', near: { ...CHELMSFORD, radiusKm: 100 } }));
    expect(byRating.hits.map((hit) => hit.rankingScore)).toEqual([4.8, 4.5, 4.2, 3.9, 3.1]);
    expect(byRating.hits.every((hit) => typeof hit.distanceKm === 'number')).toBe(true);

    const anywhere = await index.search(request({}));
    expect(anywhere.total).toBe(5);
    expect(anywhere.hits.every((hit) => hit.distanceKm === null)).toBe(true);
  });

  it('strips Meilisearch-internal fields from hits', async () => {
    const result = await index.search(
      request({ text: 'Chelmsford', near: { ...CHELMSFORD, radiusKm: 10 }, sort: 'distance' }),
    );
    expect(result.hits.length).toBeGreaterThan(0);
    for (const hit of result.hits) {
      expect(Object.keys(hit).filter((key) => key.startsWith('_') && key !== '_geo')).toEqual([]);
      expect(hit).toEqual({ ...fixture.find((doc) => doc.id === hit.id), distanceKm: hit.distanceKm });
    }
  });

  it('filters by care type', async () => {
    const careHomes = await index.search(request({ careType: 'care_home' }));
    expect(new Set(names(careHomes.hits))).toEqual(new Set([moulshamLodge.name, ipswichCareHome.name]));

    const nearbyHomeCare = await index.search(
      request({ careType: 'home_care', near: { ...CHELMSFORD, radiusKm: 10 } }),
    );
    expect(names(nearbyHomeCare.hits)).toEqual([chelmsfordHomeCare.name]);
  });

  it('finds services by town name, also when it is misspelt', async () => {
    const exact = await index.search(request({ text: 'Chelmsford' }));
    expect(new Set(names(exact.hits))).toEqual(new Set([chelmsfordHomeCare.name, moulshamLodge.name]));

    const typo = await index.search(request({ text: 'Chelmsfrod' }));
    expect(new Set(names(typo.hits))).toEqual(new Set([chelmsfordHomeCare.name, moulshamLodge.name]));

    const ipswich = await index.search(request({ text: 'ipswhich' }));
    expect(names(ipswich.hits)).toEqual([ipswichCareHome.name]);
  });

  it('understands the words people use for the same care', async () => {
    const elderly = await index.search(request({ text: 'elderly' }));
    expect(names(elderly.hits)).toEqual([chelmsfordHomeCare.name]);

    // "residential" is nowhere in the documents; the care homes are labelled "Care home".
    const residential = await index.search(request({ text: 'residential' }));
    expect(new Set(names(residential.hits))).toEqual(new Set([moulshamLodge.name, ipswichCareHome.name]));

    const domiciliary = await index.search(request({ text: 'domiciliary' }));
    expect(new Set(names(domiciliary.hits))).toEqual(new Set([chelmsfordHomeCare.name, southendHomeCare.name]));
  });

  it('pages with offset and limit and reports the total', async () => {
    const pages = [];
    for (const offset of [0, 2, 4]) {
      pages.push(
        await index.search(request({ near: { ...CHELMSFORD, radiusKm: 100 }, sort: 'distance', offset, limit: 2 })),
      );
    }
    expect(pages.map((page) => page.hits.length)).toEqual([2, 2, 1]);
    expect(pages.every((page) => page.total === 5)).toBe(true);
    expect(pages.flatMap((page) => names(page.hits))).toEqual([
      chelmsfordHomeCare.name,
      moulshamLodge.name,
      southendHomeCare.name,
      colchesterNursing.name,
      ipswichCareHome.name,
    ]);
  });

  it('refuses a distance sort without a location, and nonsense paging', async () => {
    await expect(index.search(request({ sort: 'distance' }))).rejects.toThrow(InvalidSearchRequestError);
    await expect(index.search(request({ sort: 'distance' }))).rejects.toThrow(/needs a location/);
    await expect(index.search(request({ offset: -1 }))).rejects.toThrow(InvalidSearchRequestError);
  });

  it('reports health and count', async () => {
    expect(await index.health()).toEqual({ ok: true, backend: 'meilisearch' });
    expect(await index.count()).toBe(5);
  });
});

describe('Meilisearch SearchIndex: writing', () => {
  it('upsert replaces a document and remove deletes it', async () => {
    const index = await freshIndex();
    await index.upsert([
      { ...southendHomeCare, name: 'Estuary Home Helpers', organisationName: 'Estuary Ltd', town: 'Leigh-on-Sea' },
    ]);
    expect(await index.count()).toBe(5);
    expect(names((await index.search(request({ text: 'Estuary' }))).hits)).toEqual(['Estuary Home Helpers']);
    expect((await index.search(request({ text: 'Seafront' }))).total).toBe(0);

    await index.remove([southendHomeCare.id, ipswichCareHome.id]);
    expect(await index.count()).toBe(3);
    expect((await index.search(request({ text: 'Estuary' }))).total).toBe(0);
    expect((await index.search(request({ text: 'Ipswich' }))).total).toBe(0);
  });

  it('upserts in batches larger than one request', async () => {
    const index = createMeiliSearchIndex({
      url: meili.url,
      apiKey: meili.apiKey,
      indexName: `services_${randomUUID().slice(0, 8)}`,
      batchSize: 7,
    });
    await index.init();
    const many = Array.from({ length: 30 }, (_, n) => makeService({ name: `Service number ${n}` }));
    await index.upsert(many);
    expect(await index.count()).toBe(30);
    await index.remove(many.slice(0, 20).map((doc) => doc.id));
    expect(await index.count()).toBe(10);
  });

  it('reindex swaps in a different set all at once', async () => {
    const index = await freshIndex();
    const replacement = [
      makeService({ name: 'Brentwood Companions', town: 'Brentwood', _geo: { lat: 51.62, lng: 0.305 } }),
      makeService({
        name: 'Harlow Day Centre',
        careTypes: ['day_service'],
        town: 'Harlow',
        _geo: { lat: 51.77, lng: 0.09 },
      }),
      makeService({
        name: 'Basildon Live-in',
        careTypes: ['live_in_care'],
        town: 'Basildon',
        _geo: { lat: 51.57, lng: 0.46 },
      }),
    ];
    async function* inBatches() {
      yield replacement.slice(0, 2);
      // While the new index is being built, searches still answer from the old one.
      expect(await index.count()).toBe(5);
      expect(names((await index.search(request({ text: 'Chelmsford' }))).hits)).toHaveLength(2);
      yield replacement.slice(2);
    }
    const progress: number[] = [];
    const indexed = await index.reindex(inBatches(), (count) => progress.push(count));

    expect(indexed).toBe(3);
    expect(progress).toEqual([2, 3]);
    expect(await index.count()).toBe(3);
    expect((await index.search(request({ text: 'Chelmsford' }))).total).toBe(0);
    expect(names((await index.search(request({ text: 'Harlow' }))).hits)).toEqual(['Harlow Day Centre']);
    // The settings came along: geo filtering and sorting still work on the swapped-in index.
    const nearest = await index.search(request({ near: { ...CHELMSFORD, radiusKm: 50 }, sort: 'distance' }));
    // Brentwood 17.1 km, Basildon 18.4 km, Harlow 26.4 km from central Chelmsford.
    expect(names(nearest.hits)).toEqual(['Brentwood Companions', 'Basildon Live-in', 'Harlow Day Centre']);
    expect(await index.health()).toEqual({ ok: true, backend: 'meilisearch' });
  });

  it('reindex creates the live index when there was none, and leaves no build index behind', async () => {
    const indexName = `services_${randomUUID().slice(0, 8)}`;
    const index = createMeiliSearchIndex({ url: meili.url, apiKey: meili.apiKey, indexName });
    expect(await index.count()).toBe(0);
    expect((await index.health()).ok).toBe(false);
    async function* once() {
      yield fixture;
    }
    expect(await index.reindex(once())).toBe(5);
    expect(await index.count()).toBe(5);
    expect((await index.search(request({ text: 'elderly' }))).total).toBe(1);

    const response = await fetch(`${meili.url}/indexes?limit=1000`, {
      headers: { Authorization: `Bearer ${meili.apiKey}` },
    });
    const uids = ((await response.json()) as { results: { uid: string }[] }).results.map((entry) => entry.uid);
    expect(uids).toContain(indexName);
    expect(uids.filter((uid) => uid.startsWith(`${indexName}_build_`))).toEqual([]);
  });
});

describe('Meilisearch SearchIndex: when Meilisearch is unreachable', () => {
  // Port 1 on loopback refuses connections.
  const unreachable = createMeiliSearchIndex({ url: 'http://127.0.0.1:1', apiKey: 'none', timeoutMs: 1_000 });

  it('raises SearchUnavailableError from reads and writes', async () => {
    await expect(unreachable.search(request({ text: 'Chelmsford' }))).rejects.toThrow(SearchUnavailableError);
    await expect(unreachable.upsert([chelmsfordHomeCare])).rejects.toThrow(SearchUnavailableError);
    await expect(unreachable.count()).rejects.toThrow(SearchUnavailableError);
  });

  it('reports health without throwing', async () => {
    const health = await unreachable.health();
    expect(health.ok).toBe(false);
    expect(health.backend).toBe('meilisearch');
    expect(health.detail).toBeTruthy();
  });

  it('treats a missing index as unavailable, so callers fall back', async () => {
    const noIndex = createMeiliSearchIndex({ url: meili.url, apiKey: meili.apiKey, indexName: 'never_created' });
    await expect(noIndex.search(request({}))).rejects.toThrow(SearchUnavailableError);
  });
});
