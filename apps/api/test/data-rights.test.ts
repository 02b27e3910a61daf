// A resident's data rights: download everything as JSON, and delete the account. Deletion is refused while a
// booking is open (nothing changes); afterwards reviews stay as "Former user" (or go, if asked), personal fields are
// erased, and the ratings and the budget ledger still add up.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings, reviews, serviceRatings, users } from '@care-assist/db';
import type { AccountData, BookingDetail, BudgetDetail, ReviewPage, User } from '@care-assist/domain';
import { makePerson, makeProvider, type Person } from './helpers/factories.ts';
import { caller, ledgerRowCount, seenQuote } from './helpers/budgets.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  ctx = await buildTestApp();
  call = caller(ctx);
});
afterAll(() => ctx.close());

/** A resident who signed up through the API (so has a real password) and confirmed their address. */
async function resident(name: string): Promise<Person & { password: string }> {
  const email = `resident-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'correct horse battery';
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password, displayName: name },
  });
  const body = res.json<{ user: User; accessToken: string }>();
  await ctx.database.handle.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, body.user.id));
  return { id: body.user.id, email, role: 'resident', token: body.accessToken, password };
}

async function publishedReview(authorId: string, serviceId: string, overall: number) {
  const db = ctx.database.handle.db;
  const [row] = await db
    .insert(reviews)
    .values({
      serviceId,
      authorId,
      relationship: 'self',
      overall,
      periodMonth: 3,
      periodYear: 2026,
      title: 'Kind and on time',
      body: 'The carers were kind, on time and listened to what my mother wanted.',
      consentAt: new Date(),
      status: 'published',
      publishedAt: new Date(),
    })
    .returning();
  await db.transaction((tx) => ctx.app.modules.ratings.refreshForService(serviceId, tx));
  return row!;
}

/** The stored aggregate, without the times it was written. */
async function ratingOf(serviceId: string) {
  const [row] = await ctx.database.handle.db
    .select()
    .from(serviceRatings)
    .where(eq(serviceRatings.serviceId, serviceId));
  const { computedAt: _computed, updatedAt: _updated, ...figures } = row!;
  return figures;
}

const ledgerSum = async (budgetAccountId: string) =>
  (
    await ctx.database.handle.db.execute<{ total: string }>(
      sql`select coalesce(sum(amount_pence), 0)::text as total from budget_ledger where budget_account_id = ${budgetAccountId}`,
    )
  ).rows[0]?.total;

const del = (who: Person, payload: object) =>
  ctx.app.inject({
    method: 'DELETE',
    url: '/api/v1/me',
    headers: { authorization: `Bearer ${who.token}` },
    payload,
  });

describe('downloading my data', () => {
  it('gives everything held about me as JSON, without secrets', async () => {
    const me = await resident('Dana Download');
    const { service } = await makeProvider(ctx);
    await call(me, 'POST', `/api/v1/shortlist/${service.id}`);
    await ctx.app.inject({
      method: 'PUT',
      url: `/api/v1/shortlist/${service.id}`,
      headers: { authorization: `Bearer ${me.token}` },
    });
    await publishedReview(me.id, service.id, 5);
    const started = Date.now();
    const res = await call(me, 'GET', '/api/v1/me/data');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="care-assist-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const data = res.json<AccountData>();
    expect(data.profile).toMatchObject({ email: me.email, displayName: 'Dana Download' });
    expect(data.reviews).toHaveLength(1);
    expect(data.shortlist).toHaveLength(1);
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.emails.map((e) => e.subject)).toContain('Confirm your e-mail address for Care Assist');
    expect(res.body).not.toMatch(/password|tokenHash|token_hash|argon2/i);
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/v1/me/data' }), 401);
  });
});

describe('deleting my account', () => {
  it('is refused while a booking is open, and then erases me while ratings and the ledger still add up', async () => {
    const db = ctx.database.handle.db;
    const admin = await makePerson(ctx, 'admin', 'Amira Council');
    const provider = await makeProvider(ctx);
    const me = await resident('Erin Erase');

    const opened = await call(admin, 'POST', '/api/v1/budgets', {
      holderEmail: me.email,
      councilReference: `ECC-PB-${randomUUID().slice(0, 6)}`,
      startsOn: '2026-04-01',
      endsOn: '2027-03-31',
      allocatedPence: 500_000,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const budget = opened.json<BudgetDetail>();
    const startDate = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const requested = await call(me, 'POST', '/api/v1/bookings', {
      serviceId: provider.service.id,
      careType: 'home_care',
      hoursPerWeek: 10,
      startDate,
      durationWeeks: 4,
      notes: 'The key safe by the back door; my son Dev is at 07700 900123',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const bookingId = requested.json<BookingDetail>().id;
    await call(provider.member, 'POST', `/api/v1/bookings/${bookingId}/quote`, {
      weeklyPence: 30_000,
      startDate,
      terms: 'Two weeks notice either way.',
    });
    const accepted = await call(me, 'POST', `/api/v1/bookings/${bookingId}/accept`, {
      funding: 'budget',
      ...(await seenQuote(ctx, me, bookingId)),
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await publishedReview(me.id, provider.service.id, 2);
    const other = await makePerson(ctx, 'resident', 'Olu Other');
    await publishedReview(other.id, provider.service.id, 4);

    // Refused with the reason, and nothing changed.
    const blocked = await del(me, { password: me.password });
    expect(expectProblem(blocked, 409).detail).toMatch(/1 booking is still open: cancel or complete it/);
    const [still] = await db.select().from(users).where(eq(users.id, me.id));
    expect(still).toMatchObject({ email: me.email, erasedAt: null });
    expectProblem(await del(me, { password: 'not my password' }), 403);

    const cancelled = await call(me, 'POST', `/api/v1/bookings/${bookingId}/cancel`, { reason: 'Family will help' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const ledgerBefore = await ledgerRowCount(db, budget.id);
    const figuresBefore = (await call(admin, 'GET', `/api/v1/budgets/${budget.id}`)).json<BudgetDetail>().figures;
    const ratingBefore = await ratingOf(provider.service.id);
    const sumBefore = await ledgerSum(budget.id);

    const deleted = await del(me, { password: me.password });
    expect(deleted.statusCode, deleted.body).toBe(204);

    const [erased] = await db.select().from(users).where(eq(users.id, me.id));
    expect(erased).toMatchObject({ displayName: 'Former user', email: `erased-${me.id}@erased.invalid` });
    expect(erased?.erasedAt).not.toBeNull();
    expect(JSON.stringify(erased)).not.toContain('Erin');
    // Signed out, and cannot sign in again.
    expectProblem(await call(me, 'GET', '/api/v1/me'), 401);
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: me.email, password: me.password },
      }),
      401,
    );
    // The review stays, credited to "Former user"; the rating is unchanged and still matches a recomputation.
    const page = (await call(null, 'GET', `/api/v1/services/${provider.service.id}/reviews`)).json<ReviewPage>();
    expect(page.items.map((r) => r.authorName).sort()).toEqual(['Former user', 'Olu O.']);
    expect(await ratingOf(provider.service.id)).toEqual(ratingBefore);
    // The ledger keeps every entry and the budget's figures are the same, from the council's side.
    expect(await ledgerRowCount(db, budget.id)).toBe(ledgerBefore);
    expect((await call(admin, 'GET', `/api/v1/budgets/${budget.id}`)).json<BudgetDetail>().figures).toEqual(
      figuresBefore,
    );
    expect(await ledgerSum(budget.id)).toBe(sumBefore);
    // The booking stays for the financial record, without what they wrote.
    const [kept] = await db.select().from(bookings).where(eq(bookings.id, bookingId));
    expect(kept).toMatchObject({ status: 'cancelled', notes: '', requesterId: me.id });
    // A confirmation went to the old address.
    await ctx.deliverMail();
    expect(ctx.mail.to(me.email).map((m) => m.subject)).toContain('Your Care Assist account has been deleted');
  });

  it('removes the reviews too when asked, and the rating is recomputed without them', async () => {
    const provider = await makeProvider(ctx);
    const me = await resident('Rory Remove');
    const other = await makePerson(ctx, 'resident', 'Olu Other');
    await publishedReview(me.id, provider.service.id, 1);
    await publishedReview(other.id, provider.service.id, 5);
    expect((await ratingOf(provider.service.id)).reviewCount).toBe(2);

    expect((await del(me, { password: me.password, removeReviews: true })).statusCode).toBe(204);
    const after = await ratingOf(provider.service.id);
    expect(after.reviewCount).toBe(1);
    // Recomputing from the reviews gives the same figures: the aggregate reconciles.
    await ctx.database.handle.db.transaction((tx) =>
      ctx.app.modules.ratings.refreshForService(provider.service.id, tx),
    );
    expect(await ratingOf(provider.service.id)).toEqual(after);
    const page = (await call(null, 'GET', `/api/v1/services/${provider.service.id}/reviews`)).json<ReviewPage>();
    expect(page.items.map((r) => r.authorName)).toEqual(['Olu O.']);
  });
});
