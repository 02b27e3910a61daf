// "Highly rated" recognition against a fixture whose answer is worked out by hand (below): who is recognised
// for which care type in which county, the badge on service pages and search results, who may award it, and
// that a past year is kept once awarded.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviews } from '@care-assist/db';
import type { CqcRating, SearchResponse, ServiceDetail, UserRole } from '@care-assist/domain';
import { makeOrganisation, makeService, makeUserRow } from './helpers/factories.ts';
import { bearer, buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
const NOW = new Date('2026-11-15T12:00:00Z');
const people = {} as Record<'admin' | 'moderator' | 'resident', { id: string; role: UserRole }>;
const ids: Record<string, string> = {};

/** Published reviews: `recent` in the last 12 months, `old` before that, the first `safeguarding` flagged. */
async function addReviews(serviceId: string, recent: number, options: { old?: number; safeguarding?: number } = {}) {
  const db = ctx.database.handle.db;
  const dates = [
    ...Array.from({ length: recent }, (_, i) => new Date(Date.UTC(2026, 5, 1 + i, 9))),
    ...Array.from({ length: options.old ?? 0 }, (_, i) => new Date(Date.UTC(2025, 5, 1 + i, 9))),
  ];
  for (const [index, publishedAt] of dates.entries()) {
    const author = await makeUserRow(db, { role: 'resident' });
    await db.insert(reviews).values({
      serviceId,
      authorId: author.id,
      relationship: 'self',
      overall: 5,
      periodMonth: publishedAt.getUTCMonth() + 1,
      periodYear: publishedAt.getUTCFullYear(),
      title: 'About the care',
      body: 'What the care was like for us, in a few honest words.',
      consentAt: publishedAt,
      status: 'published',
      safeguarding: index < (options.safeguarding ?? 0),
      publishedAt,
    });
  }
}

async function service(
  name: string,
  score: number,
  recent: number,
  options: { old?: number; safeguarding?: number; cqc?: CqcRating; careTypes?: string[]; county?: string } = {},
) {
  const db = ctx.database.handle.db;
  const org = await makeOrganisation(db, { name: `${name} Ltd` });
  const row = await makeService(db, {
    organisationId: org.id,
    name,
    cqcRating: options.cqc ?? 'good',
    careTypes: (options.careTypes ?? ['home_care']) as never,
    county: options.county ?? 'Essex',
    ...(options.county === 'Suffolk' ? { town: 'Ipswich', postcode: 'IP1 1AA', latitude: 52.06, longitude: 1.15 } : {}),
  });
  await addReviews(row.id, recent, options);
  ids[name] = row.id;
  return { id: row.id, score };
}

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = NOW;
  const db = ctx.database.handle.db;
  for (const role of ['admin', 'moderator', 'resident'] as const) people[role] = await makeUserRow(db, { role });
  // Essex home care. Eligible (5+ reviews since 15 Nov 2025, CQC fine, no safeguarding): Ash 4.8, Ivy 4.7,
  // Birch 4.6 (not rated by the CQC: still eligible), Cedar 4.3, Dogwood 4.1. Sorted 4.1, 4.3, 4.6, 4.7, 4.8:
  // the upper quartile sits at position (5-1) x 0.75 = 3, i.e. 4.7. Recognised: Ash and Ivy.
  // Not eligible, whatever their scores: Elm 4.95 (4 recent reviews; its 3 older ones do not count),
  // Fir 4.9 (CQC requires improvement), Gorse 4.9 (a safeguarding concern upheld in the last 12 months).
  // Ivy also offers live-in care, alone in Essex at 4.7: recognised for that too.
  // Suffolk home care: Holly alone, eligible, but 3.9 is under the 4.0 minimum: not recognised.
  const fixture = [
    await service('Ash', 4.8, 6),
    await service('Ivy', 4.7, 5, { careTypes: ['home_care', 'live_in_care'] }),
    await service('Birch', 4.6, 5, { cqc: 'not_yet_rated' }),
    await service('Cedar', 4.3, 5),
    await service('Dogwood', 4.1, 5),
    await service('Elm', 4.95, 4, { old: 3 }),
    await service('Fir', 4.9, 5, { cqc: 'requires_improvement' }),
    await service('Gorse', 4.9, 5, { safeguarding: 1 }),
    await service('Holly', 3.9, 6, { county: 'Suffolk' }),
  ];
  await ctx.app.modules.ratings.rebuildAll({ apply: true });
  // The ranking scores are set by hand, so the fixture tests the recognition rule, not the ranking maths.
  for (const { id, score } of fixture) {
    await db.execute(sql`update service_ratings set ranking_score = ${score} where service_id = ${id}`);
  }
  await ctx.app.modules.directory.syncSearchIndex();
});

afterAll(async () => {
  await ctx?.close();
});

const award = (who: keyof typeof people | 'anonymous', body: object = {}) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/v1/insight/recognitions',
    headers: who === 'anonymous' ? {} : bearer(ctx, people[who]),
    payload: body,
  });

describe('highly rated recognition', () => {
  it('only council admins can work it out on demand', async () => {
    expectProblem(await award('anonymous'), 401);
    expectProblem(await award('resident'), 403);
    expectProblem(await award('moderator'), 403);
    const rows = await ctx.database.handle.query('select 1 from service_recognitions', []);
    expect(rows).toHaveLength(0);
  });

  it('recognises the hand-worked services for each care type and county', async () => {
    const response = await award('admin');
    expect(response.statusCode, response.body).toBe(200);
    // Groups: Essex home care, Essex live-in care, Suffolk home care.
    expect(response.json()).toMatchObject({ year: 2026, recognised: 3, groups: 3 });
    const rows = await ctx.database.handle.query<{ service_id: string; care_type: string; county: string }>(
      'select service_id, care_type, county, area_upper_quartile from service_recognitions where year = 2026',
      [],
    );
    const byName = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    expect(rows.map((r) => `${byName[r.service_id]} ${r.care_type} ${r.county}`).sort()).toEqual([
      'Ash home_care Essex',
      'Ivy home_care Essex',
      'Ivy live_in_care Essex',
    ]);
    const [quartile] = await ctx.database.handle.query<{ q: number }>(
      "select area_upper_quartile as q from service_recognitions where care_type = 'home_care' limit 1",
      [],
    );
    expect(quartile!.q).toBeCloseTo(4.7, 5);
  });

  it('shows the badge on service pages and search results, and not on services without it', async () => {
    const ash = await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${ids.Ash}` });
    expect(ash.json<ServiceDetail>().highlyRated).toEqual({
      year: 2026,
      careTypes: ['home_care'],
      county: 'Essex',
    });
    const ivy = await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${ids.Ivy}` });
    expect(ivy.json<ServiceDetail>().highlyRated?.careTypes).toEqual(['home_care', 'live_in_care']);
    const elm = await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${ids.Elm}` });
    expect(elm.json<ServiceDetail>().highlyRated).toBeNull();

    const search = await ctx.app.inject({ method: 'GET', url: '/api/v1/services?care_type=home_care&per_page=20' });
    expect(search.statusCode, search.body).toBe(200);
    const items = search.json<SearchResponse>().items;
    expect(items.length).toBe(9);
    const badged = items.filter((item) => item.highlyRated).map((item) => item.name);
    expect(badged.sort()).toEqual(['Ash', 'Ivy']);
  });

  it('replaces the current year on demand, follows the data, and keeps a past year as it was', async () => {
    // Gorse's safeguarding concern was resolved by the review being withdrawn: it now qualifies (4.9, top).
    await ctx.database.handle.query("update reviews set status = 'withdrawn' where safeguarding and service_id = $1", [
      ids.Gorse,
    ]);
    const again = await award('admin', { year: 2026 });
    expect(again.statusCode, again.body).toBe(200);
    const names = await ctx.database.handle.query<{ name: string }>(
      `select s.name from service_recognitions r join services s on s.id = r.service_id
       where r.year = 2026 and r.care_type = 'home_care' order by s.name`,
      [],
    );
    // Gorse now has 4 recent reviews (one withdrawn): still too few. Nothing else changed.
    expect(names.map((n) => n.name)).toEqual(['Ash', 'Ivy']);

    // A past year never awarded can be worked out once; then it is kept.
    expect((await award('admin', { year: 2025 })).statusCode).toBe(200);
    expectProblem(await award('admin', { year: 2025 }), 409);
    expectProblem(await award('admin', { year: 2027 }), 400);
    expectProblem(await award('admin', { year: 'last' }), 400);
  });
});
