// Ownership cases of the authorisation matrix (issue 13): the matrix (matrix.test.ts) checks every route against
// every role; this checks the same roles against one another's things. Another resident's booking, budget,
// review, notification and shortlist; another provider's listing, photos, invoices and bookings; the private
// fields of reviews (who wrote them, from which network or device, the pre-checks) to anyone but moderators.
// Each refusal is a 403 or 404 problem that names nothing of the owner's, and changes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingDetail, BudgetDetail, MyReview, NotificationList } from '@care-assist/domain';
import { makePerson, makeProvider, type Person } from '../helpers/factories.ts';
import { caller, seenQuote } from '../helpers/budgets.ts';
import { buildTestApp, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
let call: ReturnType<typeof caller>;
let owner: Person; // resident A
let other: Person; // resident B
let admin: Person;
let mine: Awaited<ReturnType<typeof makeProvider>>; // provider P1, runs the booked service
let theirs: Awaited<ReturnType<typeof makeProvider>>; // provider P2, another organisation
const ids = { booking: '', budget: '', invoice: '', review: '', notification: '', photoFile: '' };
const SECRET_MESSAGE = `Key safe code ${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  ctx = await buildTestApp();
  call = caller(ctx);
  ctx.clock.now = new Date('2026-06-01T10:00:00Z');
  admin = await makePerson(ctx, 'admin');
  owner = await makePerson(ctx, 'resident', 'Ada Owner');
  other = await makePerson(ctx, 'resident', 'Ben Other');
  mine = await makeProvider(ctx);
  theirs = await makeProvider(ctx);

  const budget = await call(admin, 'POST', '/api/v1/budgets', {
    holderEmail: owner.email,
    councilReference: `ECC-OWN-${randomUUID().slice(0, 6)}`,
    startsOn: '2026-04-01',
    endsOn: '2027-03-31',
    allocatedPence: 500_000,
  });
  expect(budget.statusCode, budget.body).toBe(201);
  ids.budget = budget.json<BudgetDetail>().id;

  const requested = await call(owner, 'POST', '/api/v1/bookings', {
    serviceId: mine.service.id,
    careType: 'home_care',
    hoursPerWeek: 5,
    startDate: '2026-06-08',
    durationWeeks: 4,
  });
  ids.booking = requested.json<BookingDetail>().id;
  await call(owner, 'POST', `/api/v1/bookings/${ids.booking}/messages`, { body: SECRET_MESSAGE });
  await call(mine.member, 'POST', `/api/v1/bookings/${ids.booking}/quote`, {
    weeklyPence: 10_000,
    startDate: '2026-06-08',
    terms: 'Standard terms.',
  });
  const accepted = await call(owner, 'POST', `/api/v1/bookings/${ids.booking}/accept`, {
    funding: 'budget',
    ...(await seenQuote(ctx, owner, ids.booking)),
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  await call(mine.member, 'POST', `/api/v1/bookings/${ids.booking}/start`);
  ctx.clock.now = new Date('2026-06-15T09:00:00Z');
  const invoiced = await call(mine.member, 'POST', `/api/v1/bookings/${ids.booking}/invoices`, {
    periodStart: '2026-06-08',
    periodEnd: '2026-06-14',
    hours: 5,
    amountPence: 10_000,
  });
  expect(invoiced.statusCode, invoiced.body).toBe(201);
  ids.invoice = invoiced.json<BookingDetail>().invoices[0]!.id;

  ids.notification = (await call(owner, 'GET', '/api/v1/notifications')).json<NotificationList>().items[0]!.id;
  await ctx.app.inject({
    method: 'PUT',
    url: `/api/v1/shortlist/${theirs.service.id}`,
    headers: { authorization: `Bearer ${owner.token}` },
  });
  const review = await call(owner, 'POST', '/api/v1/reviews', {
    serviceId: theirs.service.id,
    relationship: 'self',
    overall: 4,
    categories: { quality_of_care: 4, staff: 4, reliability: 4 },
    periodMonth: 5,
    periodYear: 2026,
    title: 'Kind and on time',
    body: 'The carers were kind and always on time, and the office answered the phone quickly.',
    consent: true,
  });
  expect(review.statusCode, review.body).toBe(201);
  ids.review = review.json<MyReview>().id;
});
afterAll(() => ctx.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
async function refused(who: Person, method: Method, url: string, payload?: object) {
  const res = await ctx.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${who.token}`, 'idempotency-key': randomUUID() },
    ...(payload ? { payload } : {}),
  });
  const where = `${who.role} ${method} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`;
  expect([403, 404], where).toContain(res.statusCode);
  expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/);
  for (const secret of [SECRET_MESSAGE, owner.email, 'Ada Owner']) expect(res.body, where).not.toContain(secret);
  return res;
}

describe("another resident's things", () => {
  it('booking, its messages, quote, invoices and outcomes: refused to the other resident and provider', async () => {
    for (const who of [other, theirs.member]) {
      await refused(who, 'GET', `/api/v1/bookings/${ids.booking}`);
      await refused(who, 'POST', `/api/v1/bookings/${ids.booking}/messages`, { body: 'Let me in' });
      await refused(who, 'POST', `/api/v1/bookings/${ids.booking}/cancel`, { reason: 'Not mine to cancel' });
      await refused(who, 'POST', `/api/v1/invoices/${ids.invoice}/approve`, {});
      await refused(who, 'POST', `/api/v1/invoices/${ids.invoice}/pay`, {});
      await refused(who, 'POST', `/api/v1/invoices/${ids.invoice}/dispute`, { reason: 'Not my invoice at all' });
      await refused(who, 'GET', `/api/v1/bookings/${ids.booking}/outcomes`);
    }
    // Another provider cannot act as the booked one.
    await refused(theirs.member, 'POST', `/api/v1/bookings/${ids.booking}/quote`, {
      weeklyPence: 1,
      startDate: '2026-06-08',
      terms: 'Mine now.',
    });
    await refused(theirs.member, 'POST', `/api/v1/bookings/${ids.booking}/invoices`, {
      periodStart: '2026-06-08',
      periodEnd: '2026-06-14',
      hours: 5,
      amountPence: 99_999,
    });
    const list = (await call(other, 'GET', '/api/v1/bookings')).body;
    expect(list).not.toContain(ids.booking);
    expect((await call(theirs.member, 'GET', '/api/v1/bookings')).body).not.toContain(ids.booking);
  });

  it('budget and its statement', async () => {
    for (const who of [other, mine.member, theirs.member]) {
      await refused(who, 'GET', `/api/v1/budgets/${ids.budget}`);
      await refused(who, 'GET', `/api/v1/budgets/${ids.budget}/statement.csv?from=2026-01-01&to=2026-12-31`);
      await refused(who, 'POST', `/api/v1/budgets/${ids.budget}/entries`, {
        kind: 'allocation',
        amountPence: 100,
        reason: 'Helping myself',
      });
      expect((await call(who, 'GET', '/api/v1/budgets')).body).not.toContain(ids.budget);
    }
  });

  it('review, notification and shortlist', async () => {
    await refused(other, 'PUT', `/api/v1/reviews/${ids.review}`, {
      relationship: 'self',
      overall: 1,
      categories: { quality_of_care: 1, staff: 1, reliability: 1 },
      periodMonth: 5,
      periodYear: 2026,
      title: 'Rewritten by someone else',
      body: 'This review was rewritten by somebody who did not write it in the first place.',
      consent: true,
    });
    await refused(other, 'POST', `/api/v1/reviews/${ids.review}/withdraw`, {});
    await refused(other, 'GET', `/api/v1/reviews/${ids.review}`); // pending: only its author and moderators
    await refused(theirs.member, 'GET', `/api/v1/reviews/${ids.review}`); // not even the reviewed provider
    expect((await call(other, 'GET', '/api/v1/reviews/mine')).body).not.toContain(ids.review);
    await refused(other, 'POST', `/api/v1/notifications/${ids.notification}/read`, {});
    expect((await call(other, 'GET', '/api/v1/notifications')).body).not.toContain(ids.notification);
    const shortlist = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/shortlist',
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(shortlist.statusCode).toBe(200);
    expect(shortlist.body).not.toContain(theirs.service.id);
  });
});

describe("another provider's things", () => {
  it('listing and photos', async () => {
    await refused(theirs.member, 'GET', `/api/v1/provider/services/${mine.service.id}`);
    await refused(theirs.member, 'PATCH', `/api/v1/provider/services/${mine.service.id}`, { name: 'Taken over' });
    await refused(theirs.member, 'POST', `/api/v1/provider/services/${mine.service.id}/submit`, {});
    await refused(theirs.member, 'GET', `/api/v1/provider/services/${mine.service.id}/photos`);
    const form = new FormData();
    form.append('altText', 'Not my photo');
    form.append('file', new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), 'x.jpg');
    const upload = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/provider/services/${mine.service.id}/photos`,
      headers: { authorization: `Bearer ${theirs.member.token}` },
      payload: form,
    });
    expect(upload.statusCode).toBe(403);
    expect((await call(theirs.member, 'GET', '/api/v1/provider/services')).body).not.toContain(mine.service.id);
    for (const who of [owner, other]) await refused(who, 'GET', `/api/v1/provider/services/${mine.service.id}`);
  });

  it("reviews' private fields reach nobody but moderators", async () => {
    const moderator = await makePerson(ctx, 'moderator');
    await call(moderator, 'POST', `/api/v1/moderation/reviews/${ids.review}/decision`, { decision: 'publish' });
    const PRIVATE = ['authorId', 'networkHash', 'deviceHash', 'prechecks', 'trustWeight', 'groupId', 'safeguarding'];
    const views = [
      await ctx.app.inject({ method: 'GET', url: `/api/v1/reviews/${ids.review}` }),
      await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${theirs.service.id}/reviews` }),
      await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/reviews/for-my-services',
        headers: { authorization: `Bearer ${theirs.member.token}` },
      }),
    ];
    for (const view of views) {
      expect(view.statusCode, view.body).toBe(200);
      expect(view.body).toContain(ids.review);
      for (const field of PRIVATE) expect(view.body, field).not.toContain(`"${field}"`);
      expect(view.body).not.toContain(owner.email);
    }
    const asModerator = await call(moderator, 'GET', `/api/v1/moderation/reviews/${ids.review}`);
    expect(asModerator.json<{ authorId: string }>().authorId).toBe(owner.id);
  });
});
