// The commissioners' outcomes view against a small fixture worked out by hand (in the comments): people and
// carers counted once, means, quality of life, strain, admissions, each provider against the area, care
// booked here and arranged by the council alike, filters, and small-number suppression with its complements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings, careAdmissions, councilCarePackages, outcomeReviews } from '@care-assist/db';
import type { InsightViewResponse, ReviewPointKey } from '@care-assist/domain';
import { makeOrganisation, makeService, makeUserRow } from './helpers/factories.ts';
import { bearer, buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
let admin: { id: string; role: 'admin' };
let resident: { id: string; role: 'resident' };

type Answer = { satisfaction: number; domains: (number | null)[]; dueOn: string; point?: ReviewPointKey };
type CarerAnswer = { satisfaction: number; strain: number | null; dueOn: string };

async function booking(serviceId: string, careType: 'home_care' | 'care_home') {
  const [row] = await ctx.database.handle.db
    .insert(bookings)
    .values({
      requesterId: resident.id,
      serviceId,
      careType,
      hoursPerWeek: 10,
      startDate: '2026-05-01',
      durationWeeks: 52,
      status: 'active',
      quoteWeeklyPence: 30000,
      quotedAt: new Date('2026-04-20T00:00:00Z'),
    })
    .returning();
  return row!.id;
}

async function answer(subject: { bookingId?: string; carePackageId?: string }, a: Answer) {
  const [control, personalCare, safety, socialContact, occupation] = a.domains;
  await ctx.database.handle.db.insert(outcomeReviews).values({
    ...subject,
    reviewPoint: a.point ?? 'week_6',
    dueOn: a.dueOn,
    respondent: 'person',
    recordedBy: admin.id,
    satisfaction: a.satisfaction,
    controlScore: control,
    personalCareScore: personalCare,
    safetyScore: safety,
    socialContactScore: socialContact,
    occupationScore: occupation,
  });
}

async function carerAnswer(bookingId: string, a: CarerAnswer) {
  await ctx.database.handle.db.insert(outcomeReviews).values({
    bookingId,
    reviewPoint: 'week_6',
    dueOn: a.dueOn,
    respondent: 'carer',
    recordedBy: admin.id,
    satisfaction: 4,
    carerSatisfaction: a.satisfaction,
    carerStrain: a.strain,
  });
}

async function view(query = ''): Promise<InsightViewResponse> {
  const response = await ctx.app.inject({
    method: 'GET',
    url: `/api/v1/insight/outcomes${query}`,
    headers: bearer(ctx, admin),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const table = (result: InsightViewResponse, id: string) => result.tables.find((t) => t.id === id)!;
const row = (result: InsightViewResponse, id: string, key: string, value: string) =>
  table(result, id).rows.find((r) => r[key] === value);

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date('2026-11-15T12:00:00Z');
  const db = ctx.database.handle.db;
  admin = (await makeUserRow(db, { role: 'admin' })) as typeof admin;
  resident = (await makeUserRow(db, { role: 'resident' })) as typeof resident;
  const alpha = await makeOrganisation(db, { name: 'Alpha Care', sector: 'private' });
  const beta = await makeOrganisation(db, { name: 'Beta Trust', sector: 'voluntary_community' });
  const gamma = await makeOrganisation(db, { name: 'Gamma Homecare', sector: 'private' });
  const a1 = await makeService(db, { organisationId: alpha.id, name: 'Alpha One', postcode: 'CM1 1AA' });
  const b1 = await makeService(db, {
    organisationId: beta.id,
    name: 'Beta House',
    postcode: 'CM2 0AA',
    careTypes: ['care_home'],
  });
  const g1 = await makeService(db, {
    organisationId: gamma.id,
    name: 'Gamma One',
    county: 'Suffolk',
    postcode: 'IP1 1AA',
  });

  // Alpha (Essex, CM1, home care): 6 people answer at 6 weeks (due June): satisfaction 5,4,4,3,5,3; the first
  // three answer every domain 3, the others 2. The first also answers at 3 months (September): 5, all 3.
  // People 6 (not 7); satisfaction (24 + 5) / 7 = 4.142857 -> 4.14; quality (3*3 + 3*2 + 3) / 7 = 2.571 -> 2.57.
  const alphaBookings: string[] = [];
  for (const [i, satisfaction] of [5, 4, 4, 3, 5, 3].entries()) {
    const id = await booking(a1.id, 'home_care');
    alphaBookings.push(id);
    const score = i < 3 ? 3 : 2;
    await answer(
      { bookingId: id },
      { satisfaction, domains: [score, score, score, score, score], dueOn: '2026-06-15' },
    );
  }
  await answer(
    { bookingId: alphaBookings[0]! },
    { satisfaction: 5, domains: [3, 3, 3, 3, 3], dueOn: '2026-09-15', point: 'month_3' },
  );
  // Five carers: satisfaction 4,4,3,5,4 -> 4.0; strain a lot, some, none, a lot, some -> 2 of 5 = 40%.
  for (const [i, [satisfaction, strain]] of [
    [4, 2],
    [4, 1],
    [3, 0],
    [5, 2],
    [4, 1],
  ].entries()) {
    await carerAnswer(alphaBookings[i]!, { satisfaction: satisfaction!, strain: strain ?? null, dueOn: '2026-06-15' });
  }
  // Two Alpha people admitted: to hospital in August, to residential care in September.
  await db.insert(careAdmissions).values([
    { bookingId: alphaBookings[0]!, kind: 'hospital', admittedOn: '2026-08-03', recordedBy: admin.id },
    { bookingId: alphaBookings[1]!, kind: 'residential_care', admittedOn: '2026-09-20', recordedBy: admin.id },
  ]);

  // Beta (Essex, CM2, care home): 4 booked here and 1 arranged by the council, due July: 2,3,3,2,5 -> 3.0;
  // every domain 1 -> quality 1.0 (the council one says "prefer not to say" to two domains: still 1.0).
  for (const satisfaction of [2, 3, 3, 2]) {
    await answer(
      { bookingId: await booking(b1.id, 'care_home') },
      { satisfaction, domains: [1, 1, 1, 1, 1], dueOn: '2026-07-10' },
    );
  }
  const [carePackage] = await db
    .insert(councilCarePackages)
    .values({
      personReference: 'ASC-100001',
      serviceId: b1.id,
      careType: 'care_home',
      startOn: '2026-05-01',
      createdBy: admin.id,
    })
    .returning();
  await answer(
    { carePackageId: carePackage!.id },
    { satisfaction: 5, domains: [1, null, 1, null, 1], dueOn: '2026-07-10' },
  );

  // Gamma (Suffolk, home care): 2 people in June, both 5: fewer than 5.
  for (let i = 0; i < 2; i++) {
    await answer(
      { bookingId: await booking(g1.id, 'home_care') },
      { satisfaction: 5, domains: [3, 3, 3, 3, 3], dueOn: '2026-06-20' },
    );
  }
  await ctx.app.modules.insight.refreshNow();
});
afterAll(() => ctx.close());

describe('outcomes by provider, against the area', () => {
  it('counts each person once, computes the means, and suppresses fewer than 5 with a complement', async () => {
    const result = await view();
    expect(result.refreshedAt).toBe('2026-11-15T12:00:00.000Z');
    expect(table(result, 'providers').rows.map((r) => r.provider)).toEqual([
      'Alpha Care',
      'Beta Trust',
      'Gamma Homecare',
    ]);
    expect(row(result, 'providers', 'provider', 'Alpha Care')).toEqual({
      provider: 'Alpha Care',
      people: 6,
      satisfaction: 4.14,
      quality_of_life: 2.57,
      carers: 5,
      carer_satisfaction: 4,
      high_strain: 40,
      admitted: 'fewer than 5',
      // Providers with 5 or more people: 3.0 and 4.142857; quartiles 3.29, 3.57 and 3.86.
      position: 'Above the upper quartile',
    });
    // Beta: 5 people, but Gamma's 2 is the only small count, so the smallest other (Beta's 5) is hidden too.
    expect(row(result, 'providers', 'provider', 'Beta Trust')).toMatchObject({
      people: 'fewer than 5',
      satisfaction: 3,
      quality_of_life: 1,
      carers: 'fewer than 5',
      carer_satisfaction: 'fewer than 5',
      position: 'Below the lower quartile',
    });
    expect(row(result, 'providers', 'provider', 'Gamma Homecare')).toMatchObject({
      people: 'fewer than 5',
      satisfaction: 'fewer than 5',
      position: null,
    });
    // Totals count the shown cells only.
    expect(table(result, 'providers').totals).toMatchObject({ people: 6, carers: 5, admitted: 0 });
    const chart = result.charts.find((c) => c.id === 'providers')!;
    expect(chart.categories).toEqual(['Alpha Care', 'Beta Trust']);
    expect(chart.markers?.map((m) => m.value)).toEqual([3.29, 3.57, 3.86]);
  });
});

describe('outcomes by care type, area and month', () => {
  it('groups care booked here and arranged by the council together', async () => {
    const result = await view();
    // Home care: Alpha 6 + Gamma 2 people; satisfaction (29 + 10) / 9 = 4.33.
    expect(row(result, 'care-types', 'care_type', 'Home care')).toMatchObject({ people: 8, satisfaction: 4.33 });
    expect(row(result, 'care-types', 'care_type', 'Care home')).toMatchObject({ people: 5, satisfaction: 3 });
    // Counties: Suffolk's 2 is hidden, and so is Essex's 11 (the complement); Essex's mean is shown.
    expect(row(result, 'areas', 'area', 'Essex')).toMatchObject({ people: 'fewer than 5', satisfaction: 3.67 });
    expect(row(result, 'areas', 'area', 'Suffolk')).toMatchObject({ people: 'fewer than 5' });
  });

  it('by month: answers by the month they fell due, admissions by the month they happened', async () => {
    const result = await view();
    expect(table(result, 'months').rows.map((r) => [r.month, r.people, r.satisfaction, r.admitted])).toEqual([
      ['2026-06', 8, 4.25, 'fewer than 5'],
      ['2026-07', 5, 3, 'fewer than 5'],
      ['2026-08', 'fewer than 5', 'fewer than 5', 'fewer than 5'],
      ['2026-09', 'fewer than 5', 'fewer than 5', 'fewer than 5'],
    ]);
  });

  it('filters by county (areas become districts), sector, care type and dates', async () => {
    const essex = await view('?county=essex');
    expect(table(essex, 'areas').rows.map((r) => [r.area, r.people])).toEqual([
      ['CM1', 6],
      ['CM2', 5],
    ]);
    expect(table(essex, 'providers').rows.map((r) => r.provider)).toEqual(['Alpha Care', 'Beta Trust']);
    const voluntary = await view('?sector=voluntary_community');
    expect(table(voluntary, 'providers').rows.map((r) => r.provider)).toEqual(['Beta Trust']);
    const careHomes = await view('?care_type=care_home');
    expect(table(careHomes, 'providers').rows.map((r) => r.provider)).toEqual(['Beta Trust']);
    // From July: Alpha keeps only its September answer (1 person) and its admissions.
    const later = await view('?from=2026-07-01&to=2026-11-15');
    expect(row(later, 'providers', 'provider', 'Alpha Care')).toMatchObject({ people: 'fewer than 5' });
    expect(row(later, 'providers', 'provider', 'Gamma Homecare')).toBeUndefined();
  });

  it('downloads each table as CSV, suppressed cells as "fewer than 5"', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/insight/outcomes/csv/providers',
      headers: bearer(ctx, admin),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body).toContain('Alpha Care');
    expect(response.body).toContain('fewer than 5');
  });
});

describe('who may see it, and bad input', () => {
  it('refuses anyone who is not a commissioner', async () => {
    expectProblem(
      await ctx.app.inject({ method: 'GET', url: '/api/v1/insight/outcomes', headers: bearer(ctx, resident) }),
      403,
    );
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/v1/insight/outcomes' }), 401);
  });

  it('400s for reversed dates and unknown filters, and changes nothing', async () => {
    for (const query of ['?from=2026-10-01&to=2026-01-01', '?colour=blue', '?care_type=spa']) {
      expectProblem(
        await ctx.app.inject({ method: 'GET', url: `/api/v1/insight/outcomes${query}`, headers: bearer(ctx, admin) }),
        400,
      );
    }
  });
});
