// Outcome recording end to end through the API: due questionnaires reach the person and their carer once,
// answers are validated and recorded once (even when submitted concurrently), providers record hours only for
// their own bookings, council staff record admissions and council-arranged care, and each role sees only what
// it may. Bad input gets problem+json and changes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  bookingEvents,
  bookings,
  careAdmissions,
  deliveredCareHours,
  notifications,
  outcomeReviewRequests,
  outcomeReviews,
  pageViewSalts,
  serviceDailyActivity,
  servicePageViewers,
} from '@care-assist/db';
import type {
  BookingOutcomes,
  CarePackageDetail,
  NotificationList,
  OutcomeQuestionnaire,
  OutcomeTotals,
  Page,
} from '@care-assist/domain';
import { makePerson, makeProvider, type Person } from './helpers/factories.ts';
import { caller } from './helpers/budgets.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
let call: ReturnType<typeof caller>;
let provider: Awaited<ReturnType<typeof makeProvider>>;
let otherProvider: Awaited<ReturnType<typeof makeProvider>>;
let person: Person;
let carer: Person;
let stranger: Person;
let moderator: Person;
let bookingId: string;
const db = () => ctx.database.handle.db;
const at = (iso: string) => new Date(`${iso}T10:00:00Z`);

const answers = (overrides: Record<string, unknown> = {}) => ({
  satisfaction: 4,
  qualityOfLife: { control: 2, personal_care: 3, safety: 'prefer_not_to_say', social_contact: 1, occupation: 2 },
  ...overrides,
});
const carerAnswers = () => answers({ satisfaction: 3, carerSatisfaction: 2, carerStrain: 1 });

const put = (who: Person | null, url: string, payload: unknown) =>
  ctx.app.inject({
    method: 'PUT',
    url,
    headers: who ? { authorization: `Bearer ${who.token}` } : {},
    payload: payload as object,
  });
const reviewRows = () => db().select().from(outcomeReviews);

async function makeBooking(status: 'active' | 'requested' | 'completed', startDate: string, durationWeeks = 52) {
  const [row] = await db()
    .insert(bookings)
    .values({
      requesterId: person.id,
      serviceId: provider.service.id,
      careType: 'home_care',
      hoursPerWeek: 7,
      startDate,
      durationWeeks,
      status,
      quoteStartDate: status === 'requested' ? null : startDate,
    })
    .returning();
  return row!.id;
}

beforeAll(async () => {
  ctx = await buildTestApp();
  call = caller(ctx);
  provider = await makeProvider(ctx);
  otherProvider = await makeProvider(ctx);
  person = await makePerson(ctx, 'resident', 'Rose Resident');
  carer = await makePerson(ctx, 'resident', 'Colin Carer');
  stranger = await makePerson(ctx, 'resident', 'Sam Stranger');
  moderator = await makePerson(ctx, 'moderator', 'Mo Council');
  ctx.clock.now = at('2026-02-20');
  bookingId = await makeBooking('active', '2026-01-05');
});
afterAll(() => ctx.close());

describe('questionnaires due at review points', () => {
  it('the requester names their main unpaid carer by account email; bad emails are refused', async () => {
    expectProblem(await put(person, `/api/v1/bookings/${bookingId}/carer`, { email: 'nobody@example.test' }), 400);
    expectProblem(await put(person, `/api/v1/bookings/${bookingId}/carer`, { email: person.email }), 400);
    expectProblem(await put(person, `/api/v1/bookings/${bookingId}/carer`, { email: 'not an email' }), 400);
    expectProblem(await put(stranger, `/api/v1/bookings/${bookingId}/carer`, { email: carer.email }), 404);
    const named = await put(person, `/api/v1/bookings/${bookingId}/carer`, { email: carer.email.toUpperCase() });
    expect(named.statusCode).toBe(200);
    expect(named.json()).toEqual({ bookingId, carerName: 'Colin Carer' });
  });

  it('sends one notification to the person and one to the carer, however often it is checked', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await call(person, 'GET', '/api/v1/notifications')).statusCode).toBe(200);
      await ctx.app.modules.outcomes.sendDueRequests();
    }
    await call(carer, 'GET', '/api/v1/notifications');
    const mine = (await call(person, 'GET', '/api/v1/notifications')).json<NotificationList>();
    const due = mine.items.filter((n) => n.kind === 'outcome_review_due');
    expect(due).toHaveLength(1);
    expect(due[0]!.link).toBe(`/outcomes/${bookingId}/week_6`);
    const theirs = (await call(carer, 'GET', '/api/v1/notifications')).json<NotificationList>();
    expect(theirs.items.filter((n) => n.kind === 'outcome_review_due')).toHaveLength(1);
    expect(await db().select().from(outcomeReviewRequests)).toHaveLength(2);
    // Nobody else is asked.
    const strangers = await db().select().from(notifications).where(eq(notifications.userId, stranger.id));
    expect(strangers).toHaveLength(0);
  });

  it('lists the open questionnaire for each respondent with their role', async () => {
    const forPerson = (await call(person, 'GET', '/api/v1/outcomes/due')).json<Page<OutcomeQuestionnaire>>().items;
    expect(forPerson).toMatchObject([
      { bookingId, reviewPoint: 'week_6', respondent: 'person', open: true, answer: null },
    ]);
    const forCarer = (await call(carer, 'GET', '/api/v1/outcomes/due')).json<Page<OutcomeQuestionnaire>>().items;
    expect(forCarer).toMatchObject([{ reviewPoint: 'week_6', respondent: 'carer', dueOn: '2026-02-16' }]);
    expect((await call(stranger, 'GET', '/api/v1/outcomes/due')).json()).toMatchObject({ items: [], total: 0 });
    expectProblem(await call(stranger, 'GET', `/api/v1/bookings/${bookingId}/outcomes/week_6`), 404);
    expectProblem(await call(null, 'GET', '/api/v1/outcomes/due'), 401);
  });

  it('refuses bad answers with problem+json and records nothing', async () => {
    const url = `/api/v1/bookings/${bookingId}/outcomes/week_6`;
    const bad = [
      answers({ satisfaction: 6 }),
      answers({ satisfaction: 'great' }),
      answers({ qualityOfLife: { control: 2, personal_care: 3, safety: 1, social_contact: 1 } }),
      answers({ qualityOfLife: { control: 4, personal_care: 3, safety: 1, social_contact: 1, occupation: 2 } }),
      answers({ extra: true }),
      answers({ qualityOfLife: { control: null, personal_care: 3, safety: 1, social_contact: 1, occupation: 2 } }),
      answers({
        qualityOfLife: { control: 'rather not', personal_care: 3, safety: 1, social_contact: 1, occupation: 2 },
      }),
      answers({ carerSatisfaction: 3, carerStrain: 0 }),
    ];
    for (const payload of bad) expectProblem(await call(person, 'POST', url, payload), 400);
    expectProblem(await call(carer, 'POST', url, answers()), 400);
    expectProblem(await call(person, 'POST', `/api/v1/bookings/${bookingId}/outcomes/week_7`, answers()), 400);
    expectProblem(await call(person, 'POST', `/api/v1/bookings/${bookingId}/outcomes/month_3`, answers()), 404);
    expectProblem(await call(stranger, 'POST', url, answers()), 404);
    expect(await reviewRows()).toHaveLength(0);
  });

  it('records one answer per respondent; a retry gets the same answer, other answers a 409', async () => {
    const url = `/api/v1/bookings/${bookingId}/outcomes/week_6`;
    const first = await call(person, 'POST', url, answers());
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ respondent: 'person', reviewPoint: 'week_6', answers: answers() });
    const again = await call(person, 'POST', url, answers());
    expect(again.statusCode).toBe(200);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expectProblem(await call(person, 'POST', url, answers({ satisfaction: 1 })), 409);
    expect(await reviewRows()).toHaveLength(1);
  });

  it('a burst of concurrent submits from the carer gives exactly one row', async () => {
    const url = `/api/v1/bookings/${bookingId}/outcomes/week_6`;
    const responses = await Promise.all(Array.from({ length: 12 }, () => call(carer, 'POST', url, carerAnswers())));
    const codes = responses.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.every((c) => c === 200 || c === 201)).toBe(true);
    const rows = (await reviewRows()).filter((r) => r.respondent === 'carer');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ carerSatisfaction: 2, carerStrain: 1, safetyScore: null, satisfaction: 3 });
  });

  it('answered questionnaires are not asked again; a lapsed point is closed, the next one opens', async () => {
    const due = (await call(person, 'GET', '/api/v1/outcomes/due')).json<Page<OutcomeQuestionnaire>>().items;
    expect(due[0]!.answer?.answers.satisfaction).toBe(4);
    ctx.clock.now = at('2026-04-06');
    await ctx.app.modules.outcomes.sendDueRequests();
    const next = (await call(stranger, 'GET', '/api/v1/notifications')).json<NotificationList>();
    expect(next.items).toHaveLength(0);
    const open = (await call(person, 'GET', '/api/v1/outcomes/due')).json<Page<OutcomeQuestionnaire>>().items;
    expect(open).toMatchObject([{ reviewPoint: 'month_3', open: true, answer: null }]);
    const old = await call(carer, 'GET', `/api/v1/bookings/${bookingId}/outcomes/week_6`);
    expect(old.json<OutcomeQuestionnaire>()).toMatchObject({ open: false, respondent: 'carer' });
    // An unanswered, lapsed point cannot be answered any more.
    await db().delete(outcomeReviews).where(eq(outcomeReviews.respondent, 'carer'));
    expectProblem(await call(carer, 'POST', `/api/v1/bookings/${bookingId}/outcomes/week_6`, carerAnswers()), 409);
    expect(
      (await call(carer, 'POST', `/api/v1/bookings/${bookingId}/outcomes/month_3`, carerAnswers())).statusCode,
    ).toBe(201);
  });
});

describe('delivered hours (providers, their own bookings only)', () => {
  const url = (week: string, id = bookingId) => `/api/v1/bookings/${id}/delivered-hours/${week}`;

  it('the provider records and corrects a week', async () => {
    expect((await put(provider.member, url('2026-01-05'), { hours: 6.5 })).statusCode).toBe(200);
    expect((await put(provider.member, url('2026-01-05'), { hours: 7 })).json()).toEqual({
      weekStarting: '2026-01-05',
      hours: 7,
    });
    expect((await put(provider.member, url('2026-01-12'), { hours: 7 })).statusCode).toBe(200);
    expect(await db().select().from(deliveredCareHours)).toHaveLength(2);
  });

  it('others get 403; bad weeks and hours 400; unknown bookings 404; care not started 409', async () => {
    expectProblem(await put(otherProvider.member, url('2026-01-19'), { hours: 7 }), 403);
    expectProblem(await put(person, url('2026-01-19'), { hours: 7 }), 403);
    expectProblem(await put(moderator, url('2026-01-19'), { hours: 7 }), 403);
    expectProblem(await put(null, url('2026-01-19'), { hours: 7 }), 401);
    expectProblem(await put(provider.member, url('2026-01-20'), { hours: 7 }), 400);
    expectProblem(await put(provider.member, url('2026-12-28'), { hours: 7 }), 400);
    expectProblem(await put(provider.member, url('2025-12-29'), { hours: 7 }), 400);
    expectProblem(await put(provider.member, url('2026-01-19'), { hours: 169 }), 400);
    expectProblem(await put(provider.member, url('2026-01-19'), { hours: -1 }), 400);
    expectProblem(await put(provider.member, url('not-a-date'), { hours: 7 }), 400);
    expectProblem(
      await put(provider.member, url('2026-01-19', '00000000-0000-4000-8000-000000000000'), { hours: 7 }),
      404,
    );
    const requested = await makeBooking('requested', '2026-03-02');
    expectProblem(await put(provider.member, url('2026-03-02', requested), { hours: 7 }), 409);
    expect(await db().select().from(deliveredCareHours)).toHaveLength(2);
  });
});

describe('admissions and council-arranged care (council staff)', () => {
  it('council staff record an admission once; nobody else can', async () => {
    const url = `/api/v1/bookings/${bookingId}/admissions`;
    const body = { kind: 'hospital', admittedOn: '2026-03-10' };
    expect((await call(moderator, 'POST', url, body)).statusCode).toBe(201);
    expect((await call(moderator, 'POST', url, body)).statusCode).toBe(200);
    expectProblem(await call(person, 'POST', url, body), 403);
    expectProblem(await call(provider.member, 'POST', url, body), 403);
    expectProblem(await call(moderator, 'POST', url, { kind: 'holiday', admittedOn: '2026-03-10' }), 400);
    expectProblem(await call(moderator, 'POST', url, { kind: 'hospital', admittedOn: '2027-01-01' }), 400);
    expectProblem(await call(moderator, 'POST', url, { kind: 'hospital', admittedOn: '2025-12-01' }), 400);
    expect(await db().select().from(careAdmissions)).toHaveLength(1);
  });

  it('records council-arranged care and its outcomes, once each', async () => {
    const body = {
      personReference: 'asc-204118',
      serviceId: otherProvider.service.id,
      careType: 'home_care',
      hoursPerWeek: 10.5,
      startOn: '2025-10-01',
    };
    const created = await call(moderator, 'POST', '/api/v1/council/care-packages', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ personReference: 'ASC-204118', endOn: null, outcomeCount: 0 });
    expect((await call(moderator, 'POST', '/api/v1/council/care-packages', body)).statusCode).toBe(200);
    expectProblem(await call(person, 'POST', '/api/v1/council/care-packages', body), 403);
    expectProblem(
      await call(moderator, 'POST', '/api/v1/council/care-packages', {
        ...body,
        personReference: 'Jane Smith, 1 High St',
      }),
      400,
    );
    expectProblem(
      await call(moderator, 'POST', '/api/v1/council/care-packages', { ...body, endOn: '2025-09-01' }),
      400,
    );

    const id = created.json<{ id: string }>().id;
    const outcome = { reviewPoint: 'month_3', respondent: 'person', answers: answers() };
    expect((await call(moderator, 'POST', `/api/v1/council/care-packages/${id}/outcomes`, outcome)).statusCode).toBe(
      201,
    );
    expect((await call(moderator, 'POST', `/api/v1/council/care-packages/${id}/outcomes`, outcome)).statusCode).toBe(
      200,
    );
    expectProblem(
      await call(moderator, 'POST', `/api/v1/council/care-packages/${id}/outcomes`, {
        ...outcome,
        reviewPoint: 'month_24',
      }),
      400,
    );
    expectProblem(await call(provider.member, 'POST', `/api/v1/council/care-packages/${id}/outcomes`, outcome), 403);
    expect(
      (
        await call(moderator, 'POST', `/api/v1/council/care-packages/${id}/admissions`, {
          kind: 'residential_care',
          admittedOn: '2026-01-20',
        })
      ).statusCode,
    ).toBe(201);
    const list = (await call(moderator, 'GET', '/api/v1/council/care-packages')).json<Page<unknown>>().items;
    expect(list).toMatchObject([{ id, outcomeCount: 1, admissionCount: 1 }]);
    expectProblem(await call(person, 'GET', '/api/v1/council/care-packages'), 403);

    // One package, for the page that records them: what is recorded, and the review points already due
    // (started 2025-10-01; the test clock is in 2026, so the 6-week point onwards, never one still ahead).
    const detail = await call(moderator, 'GET', `/api/v1/council/care-packages/${id}`);
    expect(detail.statusCode).toBe(200);
    const shown = detail.json<CarePackageDetail>();
    expect(shown.carePackage).toMatchObject({ id, outcomeCount: 1, admissionCount: 1 });
    expect(shown.reviews.map((r) => [r.reviewPoint, r.respondent])).toEqual([['month_3', 'person']]);
    expect(shown.admissions.map((a) => a.kind)).toEqual(['residential_care']);
    expect(shown.duePoints[0]).toMatchObject({ key: 'week_6', dueOn: '2025-11-12' });
    expect(shown.duePoints.map((p) => p.key)).toContain('month_3');
    expect(shown.duePoints.every((p) => p.dueOn <= ctx.clock.now!.toISOString().slice(0, 10))).toBe(true);
    expectProblem(await call(person, 'GET', `/api/v1/council/care-packages/${id}`), 403);
    expectProblem(await call(provider.member, 'GET', `/api/v1/council/care-packages/${id}`), 403);
    expectProblem(await call(moderator, 'GET', `/api/v1/council/care-packages/${randomUUID()}`), 404);
    expectProblem(await call(moderator, 'GET', '/api/v1/council/care-packages/not-an-id'), 400);
  });

  it('the council sees the totals; residents and providers do not', async () => {
    const totals = (await call(moderator, 'GET', '/api/v1/council/outcomes')).json<OutcomeTotals>();
    expect(totals).toMatchObject({
      reviews: 3,
      fromPeople: 2,
      fromCarers: 1,
      deliveredWeeks: 2,
      admissions: 2,
      carePackages: 1,
    });
    expect(totals.meanSatisfaction).toBeCloseTo((4 + 3 + 4) / 3, 2);
    expectProblem(await call(person, 'GET', '/api/v1/council/outcomes'), 403);
    expectProblem(await call(provider.member, 'GET', '/api/v1/council/outcomes'), 403);
  });
});

describe('who sees what of a booking’s outcomes', () => {
  const view = async (who: Person) =>
    (await call(who, 'GET', `/api/v1/bookings/${bookingId}/outcomes`)).json<BookingOutcomes>();

  it('the person their own answers, hours and admissions; the carer only their own answers', async () => {
    const mine = await view(person);
    expect(mine.viewer).toBe('requester');
    expect(mine.reviews.map((r) => r.respondent)).toEqual(['person']);
    expect(mine.deliveredHours).toHaveLength(2);
    expect(mine.admissions).toHaveLength(1);
    const theirs = await view(carer);
    expect(theirs.reviews.map((r) => r.respondent)).toEqual(['carer']);
    expect(theirs.deliveredHours).toEqual([]);
    expect(theirs.admissions).toEqual([]);
  });

  it('the provider only the hours; council staff everything; anyone else 404', async () => {
    const forProvider = await view(provider.member);
    expect(forProvider).toMatchObject({ viewer: 'provider', reviews: [], admissions: [], carerName: null });
    expect(forProvider.deliveredHours).toHaveLength(2);
    const forCouncil = await view(moderator);
    expect(forCouncil.reviews.map((r) => r.respondent).sort()).toEqual(['carer', 'person']);
    expect(forCouncil.admissions).toHaveLength(1);
    expectProblem(await call(otherProvider.member, 'GET', `/api/v1/bookings/${bookingId}/outcomes`), 404);
    expectProblem(await call(stranger, 'GET', `/api/v1/bookings/${bookingId}/outcomes`), 404);
  });
});

describe('anonymous listing activity', () => {
  const activity = async () =>
    db().select().from(serviceDailyActivity).where(eq(serviceDailyActivity.serviceId, provider.service.id));

  it('counts a page view only when the web app says a person viewed the page, one row per day', async () => {
    ctx.clock.now = at('2026-05-01');
    const slug = provider.service.slug;
    await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${slug}` });
    expect(await activity()).toEqual([]);
    // Four different people (address and browser): one view each.
    for (const [remoteAddress, agent] of [
      ['203.0.113.1', 'Firefox'],
      ['203.0.113.2', 'Firefox'],
      ['203.0.113.1', 'Safari'],
    ]) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/services/${slug}`,
        remoteAddress,
        headers: { 'x-page-view': '1', 'x-viewer-agent': agent! },
      });
      expect(res.statusCode).toBe(200);
    }
    const viewed = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/services/${slug}/page-views`,
      remoteAddress: '198.51.100.7',
      headers: { 'x-viewer-agent': 'Chrome' },
    });
    expect(viewed.statusCode).toBe(204);
    expect(await activity()).toEqual([
      { serviceId: provider.service.id, day: '2026-05-01', pageViews: 4, enquiries: 0 },
    ]);
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/api/v1/services/no-such-service/page-views' }), 404);
  });

  it('counts repeated views by one viewer once a day, and keeps nothing that identifies them', async () => {
    ctx.clock.now = at('2026-05-02');
    const slug = provider.service.slug;
    const view = (method: 'GET' | 'POST') =>
      ctx.app.inject({
        method,
        url: method === 'GET' ? `/api/v1/services/${slug}` : `/api/v1/services/${slug}/page-views`,
        remoteAddress: '203.0.113.50',
        headers: { 'x-page-view': '1', 'x-viewer-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' },
      });
    for (let i = 0; i < 5; i++) await view(i % 2 ? 'POST' : 'GET');
    const day = async (d: string) => (await activity()).find((row) => row.day === d)?.pageViews;
    expect(await day('2026-05-02')).toBe(1);
    // The next day the same person counts again, and the previous day's salt and hashes are gone.
    ctx.clock.now = at('2026-05-03');
    await view('GET');
    await view('GET');
    expect(await day('2026-05-03')).toBe(1);
    expect(await day('2026-05-01')).toBe(4);
    const viewers = await db().select().from(servicePageViewers);
    expect(viewers.map((v) => v.day)).toEqual(['2026-05-03']);
    expect((await db().select().from(pageViewSalts)).map((s) => s.day)).toEqual(['2026-05-03']);
    // Only a hash: neither the address nor the browser is in it.
    expect(viewers[0]!.viewerHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(viewers)).not.toMatch(/203\.0\.113|Firefox/);
  });

  it('counts quote requests and questions as enquiries', async () => {
    const quote = await call(stranger, 'POST', '/api/v1/bookings', {
      serviceId: provider.service.id,
      careType: 'home_care',
      hoursPerWeek: 5,
      startDate: '2026-06-01',
      durationWeeks: 4,
    });
    expect(quote.statusCode).toBe(201);
    const asked = await call(stranger, 'POST', `/api/v1/services/${provider.service.slug}/questions`, {
      body: 'Do you cover villages north of the town?',
    });
    expect(asked.statusCode).toBe(201);
    expect((await activity()).find((row) => row.day === '2026-05-03')).toMatchObject({ pageViews: 1, enquiries: 2 });
  });
});

describe('completed bookings', () => {
  it('ask for the end review when care ends early, for 8 weeks', async () => {
    const id = await makeBooking('completed', '2026-03-02', 26);
    await db()
      .insert(bookingEvents)
      .values({
        bookingId: id,
        actorId: provider.member.id,
        fromStatus: 'active',
        toStatus: 'completed',
        at: at('2026-04-30'),
      });
    ctx.clock.now = at('2026-05-01');
    const due = (await call(person, 'GET', '/api/v1/outcomes/due')).json<Page<OutcomeQuestionnaire>>().items;
    expect(due.find((q) => q.bookingId === id)).toMatchObject({ reviewPoint: 'end', dueOn: '2026-04-30' });
    ctx.clock.now = at('2026-07-01');
    const later = (await call(person, 'GET', '/api/v1/outcomes/due')).json<Page<OutcomeQuestionnaire>>().items;
    expect(later.find((q) => q.bookingId === id)).toBeUndefined();
  });
});
