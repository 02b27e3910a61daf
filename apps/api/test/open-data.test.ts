// Open data downloads over a small fixture whose answers were worked out by hand, including which figures
// small-number suppression hides and why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { OPEN_DATA_DICTIONARY } from '@care-assist/domain';
import { reviews, type Database } from '@care-assist/db';
import { makeOrganisation, makeService, makeUserRow } from './helpers/factories.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;

async function review(db: Database, serviceId: string, overall: number, status: 'published' | 'pending' = 'published') {
  const author = await makeUserRow(db, { displayName: 'Reviewer Sensitive-Name' });
  await db.insert(reviews).values({
    serviceId,
    authorId: author.id,
    relationship: 'family',
    overall,
    periodMonth: 9,
    periodYear: 2026,
    title: 'About the care',
    body: 'A review body that is long enough to be a real review.',
    consentAt: new Date('2026-10-01T10:00:00Z'),
    status,
    publishedAt: status === 'published' ? new Date('2026-10-02T10:00:00Z') : null,
  });
}

beforeAll(async () => {
  ctx = await buildTestApp();
  const db = ctx.database.handle.db;
  const alder = await makeOrganisation(db, {
    name: 'Alder Care',
    sector: 'private',
    contactEmail: 'owner.person@personal.example',
  });
  const birch = await makeOrganisation(db, { name: 'Birch Trust', sector: 'voluntary_community' });
  const cedar = await makeOrganisation(db, { name: 'Cedar Homes', sector: 'private' });
  const a = await makeService(db, { organisationId: alder.id, name: 'Alder A', pricePerHourPence: 2400 });
  const b = await makeService(db, { organisationId: alder.id, name: 'Alder B', pricePerHourPence: 3000 });
  const c = await makeService(db, { organisationId: birch.id, name: 'Birch C', pricePerHourPence: 3600 });
  const d = await makeService(db, {
    organisationId: cedar.id,
    name: 'Cedar D',
    careTypes: ['care_home'],
    pricePerHourPence: null,
    pricePerWeekPence: 100_000,
    cqcRating: 'outstanding',
  });
  await makeService(db, { organisationId: cedar.id, name: 'Cedar Draft', status: 'draft', pricePerHourPence: 9900 });
  for (const overall of [5, 5, 4, 4, 5, 4]) await review(db, a.id, overall); // 6 people, mean 4.5
  for (const overall of [3, 3]) await review(db, b.id, overall); // 2 people, mean 3
  for (let i = 0; i < 7; i++) await review(db, c.id, 4); // 7 people, mean 4
  await review(db, c.id, 1, 'pending'); // not published: not counted
  for (let i = 0; i < 3; i++) await review(db, d.id, 5); // 3 people
});

afterAll(async () => {
  await ctx?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers });

type CsvRow = Record<string, string>;

function csvRows(body: string): CsvRow[] {
  return parse<CsvRow>(body, { columns: true, bom: true });
}

/** The CSV's rows by the value of one column. */
function byColumn(body: string, column: string): Record<string, CsvRow> {
  return Object.fromEntries(csvRows(body).map((row): [string, CsvRow] => [row[column] ?? '', row]));
}

describe('ratings and benchmarks per service', () => {
  it('hides small numbers, and the one figure that would give them away', async () => {
    const response = await get('/api/v1/open-data/service-ratings.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="care-assist-service-ratings.csv"');
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const header = response.body.slice(1).split('\r\n')[0]!.split(',');
    expect(header).toEqual(OPEN_DATA_DICTIONARY['service-ratings'].columns.map((c) => c.name));
    const rows = byColumn(response.body, 'service_name');
    expect(Object.keys(rows).sort()).toEqual(['Alder A', 'Alder B', 'Birch C', 'Cedar D']);
    // Alder B: 2 people. Alder A (6) goes with it, or Alder's total of 8 minus A would give B.
    expect(rows['Alder B']).toMatchObject({ review_count: 'fewer than 5', mean_rating_out_of_5: 'fewer than 5' });
    expect(rows['Alder A']).toMatchObject({ review_count: 'suppressed', mean_rating_out_of_5: 'suppressed' });
    // Cedar has 3 people, so Birch (the smallest other provider, 7) is hidden too, and with it its only service.
    expect(rows['Cedar D']).toMatchObject({ review_count: 'fewer than 5' });
    expect(rows['Birch C']).toMatchObject({ review_count: 'suppressed' });
    // Home care in Essex per hour: £24, £30, £36 -> median £30.
    expect(rows['Alder A']).toMatchObject({
      main_care_type: 'Home care',
      headline_price_unit: 'per hour',
      headline_price_gbp: '24',
      area_median_price_gbp: '30',
      area_median_based_on_services: '3',
      price_vs_area_median_percent: '-20',
    });
    expect(rows['Birch C']!.price_vs_area_median_percent).toBe('20');
    expect(rows['Cedar D']).toMatchObject({
      headline_price_unit: 'per week',
      area_median_price_gbp: '1000',
      area_median_based_on_services: '1',
      price_vs_area_median_percent: '0',
      cqc_rating: 'Outstanding',
    });
  });

  it('gives the same in JSON, with null and the reason for each hidden figure', async () => {
    const response = await get('/api/v1/open-data/service-ratings.json');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = response.json<{ licence: { name: string }; rows: Record<string, unknown>[] }>();
    expect(body.licence.name).toBe('Open Government Licence v3.0');
    const alderB = body.rows.find((r) => r.service_name === 'Alder B')!;
    expect(alderB.review_count).toBeNull();
    expect(alderB.suppressed).toEqual({
      review_count: 'fewer than 5',
      mean_rating_out_of_5: 'fewer than 5',
      score_out_of_10: 'fewer than 5',
    });
  });
});

describe('ratings and benchmarks per provider', () => {
  it('shows a provider of 5 or more people and hides the rest so none can be worked out', async () => {
    const response = await get('/api/v1/open-data/provider-ratings.csv');
    const rows = byColumn(response.body, 'organisation_name');
    // Alder: 6 + 2 = 8 reviews; mean (6 × 4.5 + 2 × 3) / 8 = 4.125 -> 4.13; prices -20% and 0% -> median -10%.
    expect(rows['Alder Care']).toEqual({
      organisation_id: expect.any(String) as string,
      organisation_name: 'Alder Care',
      organisation_sector: 'Private',
      published_services: '2',
      review_count: '8',
      mean_rating_out_of_5: '4.13',
      services_rated_good_or_outstanding: '2',
      services_with_price_benchmark: '2',
      median_price_vs_area_median_percent: '-10',
    });
    expect(rows['Birch Trust']).toMatchObject({
      review_count: 'suppressed',
      organisation_sector: 'Voluntary and community',
    });
    // The draft service is not published: Cedar has one service.
    expect(rows['Cedar Homes']).toMatchObject({ review_count: 'fewer than 5', published_services: '1' });
  });

  it('totals only what it shows', async () => {
    const index = (await get('/api/v1/open-data/')).json<{
      totals: Record<string, number>;
      datasets: { id: string; rows: number; columns: { name: string }[] }[];
    }>();
    expect(index.totals).toEqual({ publishedServices: 4, providers: 3, reviewsShown: 8, providersLeftOut: 2 });
    expect(index.datasets.map((d) => [d.id, d.rows])).toEqual([
      ['directory', 4],
      ['service-ratings', 4],
      ['provider-ratings', 3],
    ]);
  });
});

describe('directory', () => {
  it('lists published services with every dictionary column and no personal data', async () => {
    for (const format of ['csv', 'json']) {
      const response = await get(`/api/v1/open-data/directory.${format}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('Cedar Draft');
      expect(response.body).not.toContain('owner.person@personal.example');
      expect(response.body).not.toContain('Sensitive-Name');
    }
    const csv = await get('/api/v1/open-data/directory.csv');
    const rows = csvRows(csv.body);
    expect(Object.keys(rows[0]!)).toEqual(OPEN_DATA_DICTIONARY.directory.columns.map((c) => c.name));
    const alderA = rows.find((r) => r.service_name === 'Alder A')!;
    expect(alderA).toMatchObject({
      care_types: 'Home care',
      price_per_hour_gbp: '24',
      funding_accepted: 'Self-funded; Personal budget or direct payment',
      accepting_new_clients: 'yes',
      cqc_rating: 'Good',
      postcode: 'CM1 1AA',
    });
  });
});

describe('caching and bad input', () => {
  it('sends ETag and Cache-Control, and 304 for the same version', async () => {
    const first = await get('/api/v1/open-data/directory.csv');
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await get('/api/v1/open-data/directory.csv', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it.each([
    '/api/v1/open-data/secrets.csv',
    '/api/v1/open-data/directory.xlsx',
    '/api/v1/open-data/..%2Fdirectory.csv',
  ])('400 for a file we do not have: %s', async (url) => {
    expectProblem(await get(url), 400);
  });

  it('400 for paging or any other parameter: the files are whole', async () => {
    const problem = expectProblem(await get('/api/v1/open-data/directory.csv?per_page=100000'), 400);
    expect(problem.errors?.map((e) => e.field)).toEqual(['per_page']);
    expectProblem(await get('/api/v1/open-data/?page=2'), 400);
  });
});
