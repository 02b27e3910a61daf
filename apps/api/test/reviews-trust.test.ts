// Trust signals on reviews, through the API against real Postgres: a review by someone whose booking of the
// service was delivered (active or completed) is linked to it and verified; several reviews of one service
// from one network within a day carry a pre-check flag, and the network is stored only as a salted hash.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings, reviews } from '@care-assist/db';
import type { BookingStatus, ModerationReview, MyReview, ReviewPage, Page } from '@care-assist/domain';
import { makeOrganisation, makeService, makeUser } from './helpers/factories.ts';
import { buildTestApp, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
type User = Awaited<ReturnType<typeof makeUser>>;
let moderator: User;
let organisationId: string;
const NOW = new Date('2026-11-20T12:00:00Z');

const db = () => ctx.database.handle.db;
const resident = (name = 'Robin Resident') => makeUser(ctx.app, db(), 'resident', name);
const newService = async () => (await makeService(db(), { organisationId })).id;

const reviewOf = (serviceId: string, body: string) => ({
  serviceId,
  relationship: 'self',
  overall: 4,
  categories: { quality_of_care: 4, staff: 5, reliability: 4 },
  periodMonth: 10,
  periodYear: 2026,
  title: 'Helpful visits',
  body,
  consent: true,
});

async function submit(user: User, serviceId: string, body: string, forwardedFor?: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/reviews',
    headers: { ...user.auth, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    payload: reviewOf(serviceId, body),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<MyReview>();
}

async function book(user: User, serviceId: string, status: BookingStatus) {
  const [row] = await db()
    .insert(bookings)
    .values({
      requesterId: user.id,
      serviceId,
      careType: 'home_care',
      startDate: '2026-09-01',
      durationWeeks: 4,
      status,
    })
    .returning();
  return row!.id;
}

async function publish(id: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/v1/moderation/reviews/${id}/decision`,
    headers: moderator.auth,
    payload: { decision: 'publish' },
  });
  expect(res.statusCode).toBe(200);
}

async function pendingReview(id: string) {
  const res = await ctx.app.inject({
    method: 'GET',
    url: '/api/v1/moderation/reviews?queue=pending&per_page=100',
    headers: moderator.auth,
  });
  return res.json<Page<ModerationReview>>().items.find((r) => r.id === id)!;
}

async function prechecksOf(id: string) {
  return (await pendingReview(id)).prechecks.map((f) => f.code);
}

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = NOW;
  organisationId = (await makeOrganisation(db())).id;
  moderator = await makeUser(ctx.app, db(), 'moderator', 'Morgan Moderator');
});
afterAll(() => ctx.close());

describe('reviews linked to a delivered booking', () => {
  it('verifies a review by someone whose booking of the service was completed or is active, and no other', async () => {
    const serviceId = await newService();
    const otherServiceId = await newService();
    const completed = await resident('Casey Completed');
    const completedBooking = await book(completed, serviceId, 'completed');
    const active = await resident('Ari Active');
    const activeBooking = await book(active, serviceId, 'active');
    const quotedOnly = await resident('Quinn Quoted');
    await book(quotedOnly, serviceId, 'quoted');
    const elsewhere = await resident('Ellis Elsewhere');
    await book(elsewhere, otherServiceId, 'completed');
    const stranger = await resident('Sam Stranger');

    const text = (who: string) => `${who} wrote about the carers, who were patient and kind on every single visit.`;
    const written = {
      completed: await submit(completed, serviceId, text('Casey')),
      active: await submit(active, serviceId, text('Ari')),
      quotedOnly: await submit(quotedOnly, serviceId, text('Quinn')),
      elsewhere: await submit(elsewhere, serviceId, text('Ellis')),
      stranger: await submit(stranger, serviceId, text('Sam')),
    };
    expect(Object.fromEntries(Object.entries(written).map(([k, r]) => [k, r.verified]))).toEqual({
      completed: true,
      active: true,
      quotedOnly: false,
      elsewhere: false,
      stranger: false,
    });
    const linked = await db().select({ id: reviews.id, bookingId: reviews.bookingId }).from(reviews);
    const bookingOf = (id: string) => linked.find((r) => r.id === id)?.bookingId;
    expect(bookingOf(written.completed.id)).toBe(completedBooking);
    expect(bookingOf(written.active.id)).toBe(activeBooking);
    expect(bookingOf(written.quotedOnly.id)).toBeNull();
    expect(bookingOf(written.stranger.id)).toBeNull();

    // Five reviews of one service in a day are held as a suspected burst (issue 13); the moderator dismisses it.
    const groupId = (await pendingReview(written.completed.id)).groupId;
    expect(groupId).toBeTruthy();
    const dismissed = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/moderation/review-groups/${groupId}/decision`,
      headers: moderator.auth,
      payload: { decision: 'dismiss' },
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    // Nothing counts until published; then the public page and the rating summary show the verified ones.
    for (const review of Object.values(written)) await publish(review.id);
    const page = (
      await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${serviceId}/reviews` })
    ).json<ReviewPage>();
    const shown = new Map(page.items.map((r) => [r.id, r.verified]));
    expect(shown.get(written.completed.id)).toBe(true);
    expect(shown.get(written.active.id)).toBe(true);
    expect(shown.get(written.stranger.id)).toBe(false);
    expect(page.rating.verifiedCount).toBe(2);
    expect(page.rating.count).toBe(5);
  });
});

describe('bursts of reviews from one network', () => {
  it('flags the third review of a service from one network within 24 hours, and stores no address', async () => {
    const serviceId = await newService();
    const first = await submit(
      await resident(),
      serviceId,
      'The first review from this house, about the morning visits.',
      '203.0.113.10',
    );
    const second = await submit(
      await resident(),
      serviceId,
      'A second review from the same street, about the evening calls.',
      '203.0.113.11',
    );
    const elsewhere = await submit(
      await resident(),
      serviceId,
      'Someone on another network writing about the weekend cover.',
      '198.51.100.5',
    );
    expect(await prechecksOf(first.id)).not.toContain('network_burst');
    expect(await prechecksOf(second.id)).not.toContain('network_burst');
    expect(await prechecksOf(elsewhere.id)).not.toContain('network_burst');

    const third = await submit(
      await resident(),
      serviceId,
      'A third review sent from that same network about the office staff.',
      '203.0.113.200',
    );
    expect(await prechecksOf(third.id)).toContain('network_burst');

    // Another service is a separate count; so is the same network a day later.
    const otherService = await newService();
    const unrelated = await submit(
      await resident(),
      otherService,
      'A review of a different service from the busy network above.',
      '203.0.113.12',
    );
    expect(await prechecksOf(unrelated.id)).not.toContain('network_burst');
    ctx.clock.now = new Date(NOW.getTime() + 25 * 3_600_000);
    try {
      const later = await submit(
        await resident(),
        serviceId,
        'Writing the next day from that network about the new rota.',
        '203.0.113.13',
      );
      expect(await prechecksOf(later.id)).not.toContain('network_burst');
    } finally {
      ctx.clock.now = NOW;
    }

    const rows = await db()
      .select({ id: reviews.id, networkHash: reviews.networkHash })
      .from(reviews)
      .where(eq(reviews.serviceId, serviceId));
    const hashOf = (id: string) => rows.find((r) => r.id === id)!.networkHash!;
    expect(hashOf(first.id)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf(second.id)).toBe(hashOf(first.id));
    expect(hashOf(elsewhere.id)).not.toBe(hashOf(first.id));
    const stored = JSON.stringify(await db().select().from(reviews));
    expect(stored).not.toContain('203.0.113');
    expect(stored).not.toContain('198.51.100');
  });
});
