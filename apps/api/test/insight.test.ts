// Council insight against a small fixture whose answers are worked out by hand (in the comments), including
// small-number suppression and its complements; then who may see it, and bad input.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings, moderationActions, reviewResponses, reviews, searchEvents } from '@care-assist/db';
import type { CommissionerList, InsightViewResponse } from '@care-assist/domain';
import { addMember, makeOrganisation, makeService, makeUserRow } from './helpers/factories.ts';
import { bearer, buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
const NOW = new Date('2026-11-15T12:00:00Z');
type Who = 'admin' | 'moderator' | 'provider' | 'resident';
const people = {} as Record<Who, { id: string; role: 'admin' | 'moderator' | 'provider' | 'resident' }>;
const hours = (base: Date, h: number) => new Date(base.getTime() + h * 3_600_000);

async function addReviews(
  serviceId: string,
  overalls: number[],
  options: { replyHours?: (number | null)[]; safeguarding?: number[] } = {},
) {
  const db = ctx.database.handle.db;
  for (const [index, overall] of overalls.entries()) {
    const author = await makeUserRow(db, { role: 'resident' });
    const publishedAt = new Date(Date.UTC(2026, 5, 1 + index, 9));
    const [review] = await db
      .insert(reviews)
      .values({
        serviceId,
        authorId: author.id,
        relationship: 'self',
        overall,
        periodMonth: 5,
        periodYear: 2026,
        title: 'About the care',
        body: 'What the care was like for us, in a few honest words.',
        consentAt: publishedAt,
        status: 'published',
        safeguarding: options.safeguarding?.includes(index) ?? false,
        publishedAt,
      })
      .returning();
    const reply = options.replyHours?.[index];
    if (reply !== undefined && reply !== null) {
      const [service] = await db.query.services.findMany({ where: (s, { eq: is }) => is(s.id, serviceId) });
      await db.insert(reviewResponses).values({
        reviewId: review!.id,
        organisationId: service!.organisationId,
        authorId: people.provider.id,
        body: 'Thank you, we are sorry and have changed the rota.',
        createdAt: hours(publishedAt, reply),
      });
    }
  }
}

const get = (who: Who | 'anonymous', url: string) =>
  ctx.app.inject({ method: 'GET', url, headers: who === 'anonymous' ? {} : bearer(ctx, people[who]) });
async function view(url: string): Promise<InsightViewResponse> {
  const response = await get('admin', url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const rowOf = (table: InsightViewResponse['tables'][number], key: string, value: string) =>
  table.rows.find((row) => row[key] === value)!;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = NOW;
  const db = ctx.database.handle.db;
  for (const role of ['admin', 'moderator', 'provider', 'resident'] as const)
    people[role] = await makeUserRow(db, { role });
  const alpha = await makeOrganisation(db, { name: 'Alpha Care', sector: 'private' });
  const beta = await makeOrganisation(db, { name: 'Beta Trust', sector: 'voluntary_community' });
  const imported = await makeOrganisation(db, { name: 'Imported Care', sector: null, source: 'cqc' });
  await addMember(db, alpha.id, people.provider.id, 'owner');
  const a1 = await makeService(db, {
    organisationId: alpha.id,
    name: 'Alpha One',
    postcode: 'CM1 1AA',
    pricePerHourPence: 2500,
  });
  const a2 = await makeService(db, {
    organisationId: alpha.id,
    name: 'Alpha Two',
    postcode: 'CM2 8AA',
    pricePerHourPence: 3000,
  });
  const b1 = await makeService(db, {
    organisationId: beta.id,
    name: 'Beta House',
    postcode: 'CM1 2AA',
    careTypes: ['care_home'],
    pricePerHourPence: null,
    pricePerWeekPence: 90000,
  });
  await makeService(db, {
    organisationId: imported.id,
    name: 'Imported Home Help',
    postcode: 'CO1 1AA',
    pricePerHourPence: 2000,
    acceptingNewClients: false,
  });
  // Alpha One: 7 reviewers, mean 14/7 = 2.0; six 1–2 star reviews, five replied after 10, 20, 30, 40, 50 hours:
  // response rate 5/6 = 83.3%, median 30 hours.
  await addReviews(a1.id, [5, 2, 2, 1, 1, 1, 2], { replyHours: [1, 10, 20, 30, 40, 50, null] });
  // Alpha Two: 3 reviewers: every number from them is "fewer than 5".
  await addReviews(a2.id, [4, 4, 4]);
  // Beta House: 5 reviewers, mean 15/5 = 3.0; three 1–2 star reviews (fewer than 5: rate suppressed); one
  // safeguarding concern the council let stand.
  await addReviews(b1.id, [1, 2, 2, 5, 5], { replyHours: [4, 8, null, null, null], safeguarding: [0] });
  await ctx.app.modules.ratings.rebuildAll({ apply: true });

  // Searches: CM1 home care 9 (6 found nothing), CO1 day service 2 (both nothing), CM2 care home 7 (all found one).
  const search = (outcode: string, careType: string, resultCount: number, times: number) =>
    Array.from({ length: times }, () => ({
      filters: { care_type: careType },
      outcode,
      resultCount,
      backend: 'postgres' as const,
      occurredAt: new Date('2026-10-10T10:00:00Z'),
    }));
  await db
    .insert(searchEvents)
    .values([
      ...search('CM1', 'home_care', 0, 6),
      ...search('CM1', 'home_care', 10, 3),
      ...search('CO1', 'day_service', 0, 2),
      ...search('CM2', 'care_home', 1, 7),
    ]);

  // Brokerage for Alpha One in October 2026: 7 requested, 5 quoted, 3 accepted (10,000p a week for 4 weeks).
  const statuses = ['requested', 'requested', 'declined', 'declined', 'accepted', 'active', 'completed'] as const;
  for (const status of statuses) {
    await db.insert(bookings).values({
      requesterId: people.resident.id,
      serviceId: a1.id,
      careType: 'home_care',
      hoursPerWeek: 10,
      startDate: '2026-11-01',
      durationWeeks: 4,
      status,
      quoteWeeklyPence: status === 'requested' ? null : 10000,
      quotedAt: status === 'requested' ? null : new Date('2026-10-03T00:00:00Z'),
      createdAt: new Date('2026-10-02T00:00:00Z'),
    });
  }
  // Listed in January 2026, except Beta House (listed 1 October 2026); capacity on three of them.
  await ctx.database.handle.query("update services set created_at = '2026-01-10T09:00:00Z'", []);
  await ctx.database.handle.query("update services set created_at = '2026-10-01T09:00:00Z', beds = 30 where id = $1", [
    b1.id,
  ]);
  await ctx.database.handle.query('update services set care_hours_per_week = 400 where id = $1', [a1.id]);
  await ctx.database.handle.query('update services set care_hours_per_week = 250 where id = $1', [a2.id]);
  await ctx.app.modules.insight.refreshNow();
});
afterAll(() => ctx.close());

describe('provider performance', () => {
  it('by service: hand-computed means, response rate and median time, suppression below 5 reviewers', async () => {
    const result = await view('/api/v1/insight/performance');
    expect(result.refreshedAt).toBe(NOW.toISOString());
    const table = result.tables[0]!;
    const alphaOne = rowOf(table, 'service', 'Alpha One');
    expect(alphaOne).toMatchObject({
      reviews: 7,
      mean: 2,
      low_reviews: 6,
      response_rate: 83.3,
      median_hours: 30,
      cqc: 'Good',
    });
    const beta = rowOf(table, 'service', 'Beta House');
    expect(beta).toMatchObject({
      reviews: 5,
      mean: 3,
      low_reviews: 'fewer than 5',
      response_rate: 'fewer than 5',
      safeguarding_upheld: 1,
    });
    const alphaTwo = rowOf(table, 'service', 'Alpha Two');
    expect(alphaTwo).toMatchObject({
      reviews: 'fewer than 5',
      mean: 'fewer than 5',
      ranking: 'fewer than 5',
      score: 'fewer than 5',
    });
    // The two services with 5+ reviewers come first; the totals leave the suppressed counts out (7 + 5).
    expect(
      table.rows
        .slice(0, 2)
        .map((r) => r.service)
        .sort(),
    ).toEqual(['Alpha One', 'Beta House']);
    expect(table.totals).toMatchObject({ reviews: 12, safeguarding_upheld: 1 });
    // The area spread is over the two services with 5+ reviewers; its median is the mean of their rankings.
    const rankings = [alphaOne.ranking, beta.ranking] as number[];
    const median = (rankings[0]! + rankings[1]!) / 2;
    expect(result.charts[0]!.markers!.find((m) => m.name === 'Area median')!.value).toBeCloseTo(median, 1);
    expect(JSON.stringify(result)).not.toMatch(/"reviews":3\b/);
  });

  it('by provider: review-weighted mean and complementary suppression of the review counts', async () => {
    const table = (await view('/api/v1/insight/performance?by=provider')).tables[0]!;
    // Alpha: 10 reviews, mean (2.0 x 7 + 4 x 3) / 10 = 2.6; 6 low, 5 replied: 83.3%.
    expect(rowOf(table, 'provider', 'Alpha Care')).toMatchObject({
      services: 2,
      reviews: 10,
      mean: 2.6,
      response_rate: 83.3,
    });
    // Imported Care has 0 reviewers (primary); Beta's 5 is the smallest other count, so it is hidden too,
    // otherwise the total of the column minus Alpha's would give the imported one away.
    expect(rowOf(table, 'provider', 'Imported Care').reviews).toBe('fewer than 5');
    expect(rowOf(table, 'provider', 'Beta Trust').reviews).toBe('fewer than 5');
    expect(table.totals).toMatchObject({ reviews: 10, services: 4 });
  });

  it('the date range sets the reviews in range and their mean (all the fixture reviews are from June 2026)', async () => {
    const all = (await view('/api/v1/insight/performance')).tables[0]!;
    expect(rowOf(all, 'service', 'Alpha One')).toMatchObject({ reviews_in_range: 7, mean_in_range: 2 });
    const june = (await view('/api/v1/insight/performance?from=2026-06-15&to=2026-06-30')).tables[0]!;
    expect(rowOf(june, 'service', 'Alpha One')).toMatchObject({ reviews_in_range: 7, mean_in_range: 2 });
    const later = (await view('/api/v1/insight/performance?from=2026-07-01')).tables[0]!;
    // No reviews in range anywhere: every cell is "fewer than 5"; the all-time columns do not move.
    expect(rowOf(later, 'service', 'Alpha One')).toMatchObject({
      reviews: 7,
      reviews_in_range: 'fewer than 5',
      mean_in_range: 'fewer than 5',
    });
    const providers = (await view('/api/v1/insight/performance?by=provider')).tables[0]!;
    expect(rowOf(providers, 'provider', 'Alpha Care')).toMatchObject({ reviews_in_range: 10, mean_in_range: 2.6 });
  });

  it('filters by care type and district', async () => {
    const table = (await view('/api/v1/insight/performance?care_type=care_home')).tables[0]!;
    expect(table.rows.map((r) => r.service)).toEqual(['Beta House']);
    const cm1 = (await view('/api/v1/insight/performance?district=cm1')).tables[0]!;
    expect(cm1.rows.map((r) => r.service).sort()).toEqual(['Alpha One', 'Beta House']);
  });
});

describe('prices, market, demand and brokerage', () => {
  it('prices: home care per hour 2000 / 2500 / 3000 -> quartiles 2250 and 2750, median 2500', async () => {
    const result = await view('/api/v1/insight/prices?service=alpha-two');
    const hourly = result.tables[0]!.rows.find((r) => r.care_type === 'Home care' && r.unit === 'per hour');
    expect(hourly).toEqual({
      care_type: 'Home care',
      unit: 'per hour',
      services: 3,
      min: 2000,
      lower_quartile: 2250,
      median: 2500,
      upper_quartile: 2750,
      max: 3000,
    });
    const placed = result.tables.find((t) => t.id === 'service')!.rows[0]!;
    expect(placed).toMatchObject({ price: 3000, position: 'Above the upper quartile' });
    expect(result.tables.find((t) => t.id === 'trend')!.rows).toContainEqual({
      month: '2026-11',
      unit: 'per hour',
      services: 3,
      median: 2500,
    });
  });

  it('market: sector "not known" for the CQC-imported organisation, never private', async () => {
    const result = await view('/api/v1/insight/market');
    const [careTypes, sizes] = result.tables;
    expect(rowOf(careTypes!, 'care_type', 'Home care')).toMatchObject({
      services: 3,
      accepting: 2,
      private: 2,
      not_known: 1,
      voluntary_community: 0,
    });
    expect(rowOf(careTypes!, 'care_type', 'Care home')).toMatchObject({ services: 1, voluntary_community: 1 });
    expect(rowOf(sizes!, 'size', '1 service')).toMatchObject({ organisations: 2, services: 2 });
    expect(rowOf(sizes!, 'size', '2-5 services')).toMatchObject({ organisations: 1, services: 2 });
    const notKnown = await view('/api/v1/insight/market?sector=not_known');
    expect(notKnown.tables[0]!.totals).toMatchObject({ services: 1 });
  });

  it('market: capacity (beds, hours) and the market as it stood at the end of the date range', async () => {
    const now = await view('/api/v1/insight/market?from=2026-09-01');
    expect(rowOf(now.tables[0]!, 'care_type', 'Home care')).toMatchObject({ hours: 650, beds: 0, listed_in_range: 0 });
    expect(rowOf(now.tables[0]!, 'care_type', 'Care home')).toMatchObject({ beds: 30, listed_in_range: 1 });
    expect(now.tables[2]!.totals).toMatchObject({ services: 4, beds: 30, hours: 650 });
    // On 30 September 2026 Beta House was not listed yet.
    const before = await view('/api/v1/insight/market?to=2026-09-30');
    expect(before.tables[0]!.rows.map((r) => r.care_type)).toEqual(['Home care']);
    expect(before.tables[2]!.totals).toMatchObject({ services: 3, beds: 0, hours: 650 });
  });

  it('demand: unanswered searches by area, with primary and complementary suppression', async () => {
    const result = await view('/api/v1/insight/demand?from=2026-10-01&to=2026-10-31');
    const areas = result.tables[0]!;
    // Searches [9, 2, 7]: 2 is primary, 7 its complement. Found nothing [6, 2, 0]: two small, no complement.
    expect(areas.rows).toEqual([
      {
        area: 'CM1, Essex',
        care_type: 'Home care',
        searches: 9,
        no_results: 6,
        few_results: 'fewer than 5',
        share_none: 66.7,
      },
      {
        area: 'CO1, Essex',
        care_type: 'Day service',
        searches: 'fewer than 5',
        no_results: 'fewer than 5',
        few_results: 'fewer than 5',
        share_none: 'fewer than 5',
      },
      {
        area: 'CM2, Essex',
        care_type: 'Care home',
        searches: 'fewer than 5',
        no_results: 'fewer than 5',
        few_results: 7,
        share_none: 'fewer than 5',
      },
    ]);
    expect(areas.totals).toEqual({ searches: 9, no_results: 6, few_results: 7 });
    expect(result.tables[1]!.rows).toEqual([
      { month: '2026-10', searches: 18, no_results: 8, few_results: 7, share_none: 44.4 },
    ]);
    const september = await view('/api/v1/insight/demand?from=2026-09-01&to=2026-09-30');
    expect(september.tables[0]!.rows).toEqual([]);
  });

  it('brokerage: 7 requested and 5 quoted are shown; 3 accepted and their value are suppressed', async () => {
    const result = await view('/api/v1/insight/brokerage?from=2026-10-01&to=2026-10-31');
    expect(result.tables[0]!.rows).toEqual([
      {
        month: '2026-10',
        requested: 7,
        quoted: 5,
        accepted: 'fewer than 5',
        value_arranged: 'fewer than 5',
        fee_income: 'fewer than 5',
      },
    ]);
    expect(result.tables[1]!.rows[0]).toMatchObject({ provider: 'Alpha Care', requested: 7 });
  });

  it('CSV: the same cells, "fewer than 5" where suppressed, and a totals line over shown cells', async () => {
    const response = await get('admin', '/api/v1/insight/demand/csv/areas?from=2026-10-01&to=2026-10-31');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="care-assist-demand-areas-2026-10-01-to-2026-10-31.csv"/,
    );
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Area,Care type,Searches,Found nothing,Found 1 or 2,Found nothing (%)');
    expect(lines[1]).toBe('"CM1, Essex",Home care,9,6,fewer than 5,66.7');
    expect(lines[4]).toBe('Total of the shown cells (cells with fewer than 5 left out),,9,6,7,');
    expectProblem(await get('admin', '/api/v1/insight/demand/csv/nothing'), 404);
  });
});

describe('who may see insight', () => {
  it('admins always; moderators only with the grant; providers, residents and anonymous never', async () => {
    expect((await get('admin', '/api/v1/insight/market')).statusCode).toBe(200);
    expectProblem(await get('moderator', '/api/v1/insight/market'), 403);
    expectProblem(await get('provider', '/api/v1/insight/market'), 403);
    expectProblem(await get('resident', '/api/v1/insight/market'), 403);
    expectProblem(await get('anonymous', '/api/v1/insight/market'), 401);
    expectProblem(await get('resident', '/api/v1/insight/demand/csv/areas'), 403);
    expect((await get('moderator', '/api/v1/insight/access')).json()).toEqual({ commissioner: false });
  });

  it('an admin grants a moderator the permission and revokes it, each audited; nobody else can', async () => {
    const db = ctx.database.handle.db;
    const grant = (who: Who, userId: string, method: 'PUT' | 'DELETE' = 'PUT') =>
      ctx.app.inject({ method, url: `/api/v1/council/commissioners/${userId}`, headers: bearer(ctx, people[who]) });
    expectProblem(await grant('moderator', people.moderator.id), 403);
    expectProblem(await grant('resident', people.moderator.id), 403);
    expectProblem(await grant('admin', people.resident.id), 400);
    expectProblem(await grant('admin', '00000000-0000-4000-8000-000000000000'), 404);

    expect((await grant('admin', people.moderator.id)).json()).toEqual({ changed: true });
    expect((await grant('admin', people.moderator.id)).json()).toEqual({ changed: false });
    expect((await get('moderator', '/api/v1/insight/market')).statusCode).toBe(200);
    expect((await get('moderator', '/api/v1/insight/access')).json()).toEqual({ commissioner: true });
    const list = (await get('admin', '/api/v1/council/commissioners')).json<CommissionerList>();
    expect(list.items.find((c) => c.userId === people.moderator.id)).toMatchObject({
      commissioner: true,
      via: 'grant',
    });
    expectProblem(await get('moderator', '/api/v1/council/commissioners'), 403);

    expect((await grant('admin', people.moderator.id, 'DELETE')).json()).toEqual({ changed: true });
    expectProblem(await get('moderator', '/api/v1/insight/market'), 403);
    const audit = await db.select().from(moderationActions).where(eq(moderationActions.targetId, people.moderator.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['grant_commissioner', 'revoke_commissioner']);
    expect(audit.every((a) => a.actorId === people.admin.id && a.targetType === 'user')).toBe(true);
  });

  it('only commissioners can rebuild the summaries on demand', async () => {
    expectProblem(
      await ctx.app.inject({ method: 'POST', url: '/api/v1/insight/refresh', headers: bearer(ctx, people.provider) }),
      403,
    );
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/insight/refresh',
      headers: bearer(ctx, people.admin),
    });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json<{ durationsMs: Record<string, number> }>().durationsMs)).toContain(
      'service_facts',
    );
  });
});

describe('provider insight', () => {
  it('shows a member their own services against the area, with suppression', async () => {
    const [alpha] = await ctx.database.handle.query<{ id: string }>(
      "select id from organisations where name = 'Alpha Care'",
      [],
    );
    const response = await get('provider', `/api/v1/provider/insight?organisation_id=${alpha!.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<InsightViewResponse>();
    const services = result.tables[0]!;
    // Alpha One: 7 reviewers (mean 2.0), 5 of 6 low reviews replied (83.3%), median 30 h. Its 7 quote requests
    // are hidden as the complement of Alpha Two's 0 (the council's brokerage view shows Alpha Care's total).
    expect(rowOf(services, 'service', 'Alpha One')).toMatchObject({
      mean: 2,
      response_rate: 83.3,
      median_hours: 30,
      requested: 'fewer than 5',
    });
    expect(rowOf(services, 'service', 'Alpha Two')).toMatchObject({ mean: 'fewer than 5', requested: 'fewer than 5' });
    // The area median of home care in Essex: only Alpha One has 5+ reviewers, so it is its own median.
    expect(rowOf(services, 'service', 'Alpha One').area_median).toBe(rowOf(services, 'service', 'Alpha One').ranking);
    // June 2026: Alpha's 10 reviews, mean (2.0 x 7 + 4 x 3) / 10 = 2.6.
    expect(result.tables[1]!.rows.find((r) => r.month === '2026-06')).toMatchObject({ reviews: 10, mine: 2.6 });
  });

  it('refuses other providers, residents and anonymous callers; 404 for an unknown organisation', async () => {
    const [beta] = await ctx.database.handle.query<{ id: string }>(
      "select id from organisations where name = 'Beta Trust'",
      [],
    );
    expectProblem(await get('provider', `/api/v1/provider/insight?organisation_id=${beta!.id}`), 403);
    expectProblem(await get('resident', `/api/v1/provider/insight?organisation_id=${beta!.id}`), 403);
    expectProblem(await get('anonymous', `/api/v1/provider/insight?organisation_id=${beta!.id}`), 401);
    expectProblem(
      await get('provider', '/api/v1/provider/insight?organisation_id=00000000-0000-4000-8000-000000000000'),
      404,
    );
    expectProblem(await get('provider', `/api/v1/provider/insight?organisation_id=${beta!.id}&colour=red`), 400);
  });
});

describe('bad input is a 400 problem+json', () => {
  it.each([
    ['an unknown filter', '/api/v1/insight/market?colour=blue'],
    ['a reversed range', '/api/v1/insight/demand?from=2026-10-01&to=2026-09-01'],
    ['a range over 10 years', '/api/v1/insight/demand?from=2010-01-01&to=2026-01-01'],
    ['a date that does not exist', '/api/v1/insight/demand?from=2026-02-30'],
    ['an unknown county', '/api/v1/insight/market?county=Atlantis'],
    ['a district that does not exist', '/api/v1/insight/market?district=ZZ99'],
    ['an unknown care type', '/api/v1/insight/market?care_type=space_travel'],
    ['an unknown sector', '/api/v1/insight/market?sector=pirate'],
    ['a limit over the maximum', '/api/v1/insight/performance?limit=5000'],
    ['an unknown service to place', '/api/v1/insight/prices?service=no-such-service'],
  ])('%s', async (_name, url) => {
    expectProblem(await get('admin', url), 400);
  });

  it('an unknown view is a 400 too', async () => {
    expectProblem(await get('admin', '/api/v1/insight/horoscopes'), 400);
  });
});
