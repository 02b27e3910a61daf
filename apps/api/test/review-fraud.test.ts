// Review fraud (issue 13), through the API on real Postgres. The probe's scenario: a dozen brand-new accounts
// post five stars to a two-star service within minutes. Expected: every review of the burst, the earlier ones
// included, is flagged and in one group; none can be published on its own, so the service's rating and
// ranking do not move; a moderator rejects the whole group in one action with a reason; brand-new accounts
// from one network are rate limited; accounts minutes old, or sharing a browser, count less until verified.
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderationActions, reviews, users } from '@care-assist/db';
import type { ModerationReview, MyReview, ReviewGroup, ServiceDetail, Page } from '@care-assist/domain';
import { makeOrganisation, makeService, makeUser } from './helpers/factories.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
type User = Awaited<ReturnType<typeof makeUser>>;
let moderator: User;
let organisationId: string;
const db = () => ctx.database.handle.db;

/** A resident whose account was created `minutesAgo` before the (wall) clock. */
async function resident(minutesAgo: number) {
  const user = await makeUser(ctx.app, db(), 'resident', 'Newly Joined');
  await db()
    .update(users)
    .set({ createdAt: new Date(Date.now() - minutesAgo * 60_000) })
    .where(eq(users.id, user.id));
  return user;
}

function submit(user: User, serviceId: string, options: { ip: string; device?: string; overall?: number }) {
  const n = randomUUID().slice(0, 8);
  return ctx.app.inject({
    method: 'POST',
    url: '/api/v1/reviews',
    headers: {
      ...user.auth,
      'x-forwarded-for': options.ip,
      ...(options.device ? { 'x-device-id': options.device } : {}),
    },
    payload: {
      serviceId,
      relationship: 'family',
      overall: options.overall ?? 5,
      categories: { quality_of_care: 5, staff: 5, reliability: 5 },
      periodMonth: 10,
      periodYear: 2026,
      title: 'Outstanding',
      body: `Reference ${n}: the best care my family has ever had, every single visit was perfect and on time.`,
      consent: true,
    },
  });
}

const asModerator = (method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: moderator.auth, ...(payload ? { payload } : {}) });

async function ratingOf(serviceId: string) {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${serviceId}` });
  expect(res.statusCode).toBe(200);
  const { rating } = res.json<ServiceDetail>();
  return { count: rating.count, mean: rating.mean, rankingScore: rating.rankingScore };
}

async function pending(): Promise<ModerationReview[]> {
  return (await asModerator('GET', '/api/v1/moderation/reviews?queue=pending&per_page=100')).json<
    Page<ModerationReview>
  >().items;
}

/** A two-star service with some published reviews by long-standing accounts. */
async function twoStarService() {
  const serviceId = (await makeService(db(), { organisationId })).id;
  for (let i = 0; i < 3; i++) {
    const res = await submit(await resident(60 * 24 * 400), serviceId, { ip: `192.0.${10 + i}.7`, overall: 2 });
    expect(res.statusCode, res.body).toBe(201);
    const decided = await asModerator('POST', `/api/v1/moderation/reviews/${res.json<MyReview>().id}/decision`, {
      decision: 'publish',
    });
    expect(decided.statusCode, decided.body).toBe(200);
  }
  return serviceId;
}

beforeAll(async () => {
  ctx = await buildTestApp({ NEW_ACCOUNT_REVIEWS_PER_NETWORK_PER_HOUR: '5' });
  organisationId = (await makeOrganisation(db())).id;
  moderator = await makeUser(ctx.app, db(), 'moderator', 'Morgan Moderator');
});
afterAll(() => ctx.close());

describe('a burst of brand-new accounts rating one service', () => {
  it('groups every review of the burst, holds the rating still, and is rejected in one action', async () => {
    const serviceId = await twoStarService();
    const before = await ratingOf(serviceId);
    expect(before.count).toBe(3);

    // Brand-new accounts from one network: five get through, the sixth is refused (sign-up → review limit).
    const written: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await submit(await resident(3), serviceId, { ip: `198.51.100.${20 + i}` });
      expect(res.statusCode, res.body).toBe(201);
      written.push(res.json<MyReview>().id);
    }
    const limited = expectProblem(await submit(await resident(2), serviceId, { ip: '198.51.100.99' }), 429);
    expect(limited.detail).toMatch(/new accounts/);
    // The rest of the dozen come from other networks, two of them from one browser.
    for (let i = 0; i < 7; i++) {
      const res = await submit(await resident(4), serviceId, {
        ip: `203.${i + 1}.113.1`,
        ...(i < 2 ? { device: 'device-cookie-0123456789abcdef' } : {}),
      });
      expect(res.statusCode, res.body).toBe(201);
      written.push(res.json<MyReview>().id);
    }

    // Every review of the burst, the first included, is flagged and in one group.
    const queued = (await pending()).filter((r) => written.includes(r.id));
    expect(queued).toHaveLength(12);
    const groupIds = new Set(queued.map((r) => r.groupId));
    expect(groupIds.size).toBe(1);
    const [groupId] = [...groupIds];
    expect(groupId).toBeTruthy();
    const first = queued.find((r) => r.id === written[0])!;
    expect(first.prechecks.map((f) => f.code)).toEqual(
      expect.arrayContaining(['new_account', 'network_burst', 'burst']),
    );
    for (const review of queued) {
      expect(review.prechecks.map((f) => f.code)).toContain('burst');
      expect(review.trustWeight).toBe(0.5); // every one is a brand-new account
    }
    const fromBrowser = queued.filter((r) => r.prechecks.some((f) => f.code === 'shared_device'));
    expect(fromBrowser.map((r) => r.id).sort()).toEqual([written[5], written[6]].sort());

    // Moderators see the group together.
    const groups = (await asModerator('GET', '/api/v1/moderation/review-groups?per_page=100')).json<Page<ReviewGroup>>()
      .items;
    const group = groups.find((g) => g.id === groupId)!;
    expect(group.serviceId).toBe(serviceId);
    expect(group.reviews.map((r) => r.id).sort()).toEqual([...written].sort());
    expect(group.signals).toEqual(expect.arrayContaining(['network_burst', 'burst', 'shared_device']));

    // Not one of them can be published on its own: the clean-looking first one included.
    const alone = await asModerator('POST', `/api/v1/moderation/reviews/${written[0]}/decision`, {
      decision: 'publish',
    });
    expectProblem(alone, 409);
    expect(await ratingOf(serviceId)).toEqual(before);

    // A group rejection needs a reason; then one action rejects all twelve.
    expectProblem(
      await asModerator('POST', `/api/v1/moderation/review-groups/${groupId}/decision`, { decision: 'reject' }),
      400,
    );
    const rejected = await asModerator('POST', `/api/v1/moderation/review-groups/${groupId}/decision`, {
      decision: 'reject',
      reasonCode: 'false_or_misleading',
      note: 'Twelve new accounts in minutes',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const decided = rejected.json<ReviewGroup>();
    expect(decided.status).toBe('rejected');
    expect(decided.reviews.map((r) => r.status)).toEqual(written.map(() => 'rejected'));
    const stored = await db()
      .select({ status: reviews.status, rejectReason: reviews.rejectReason })
      .from(reviews)
      .where(inArray(reviews.id, written));
    expect(stored.every((r) => r.status === 'rejected' && r.rejectReason === 'false_or_misleading')).toBe(true);
    const audited = await db()
      .select({ targetId: moderationActions.targetId })
      .from(moderationActions)
      .where(inArray(moderationActions.targetId, [...written, groupId!]));
    expect(audited).toHaveLength(13); // each review, and the group decision
    expect(await ratingOf(serviceId)).toEqual(before);

    // Decided once: a second decision is a conflict, and the group has left the open list.
    expectProblem(
      await asModerator('POST', `/api/v1/moderation/review-groups/${groupId}/decision`, { decision: 'dismiss' }),
      409,
    );
    const open = (await asModerator('GET', '/api/v1/moderation/review-groups?per_page=100')).json<Page<ReviewGroup>>()
      .items;
    expect(open.map((g) => g.id)).not.toContain(groupId);
  });

  it('dismissing the suspicion sends the reviews back to ordinary moderation, weighted until verified', async () => {
    const serviceId = await twoStarService();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await submit(await resident(5), serviceId, { ip: `100.64.7.${i + 1}`, overall: 4 });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json<MyReview>().id);
    }
    const queued = (await pending()).filter((r) => ids.includes(r.id));
    const groupId = queued[0]!.groupId;
    expect(groupId).toBeTruthy();
    expect(queued.every((r) => r.groupId === groupId && r.prechecks.some((f) => f.code === 'network_burst'))).toBe(
      true,
    );

    const dismissed = await asModerator('POST', `/api/v1/moderation/review-groups/${groupId}/decision`, {
      decision: 'dismiss',
      note: 'A care home staff room: checked with the manager',
    });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    const before = await ratingOf(serviceId);
    const published = await asModerator('POST', `/api/v1/moderation/reviews/${ids[0]}/decision`, {
      decision: 'publish',
    });
    expect(published.statusCode, published.body).toBe(200);
    const after = await ratingOf(serviceId);
    expect(after.count).toBe(before.count + 1);

    // A new, unverified account counts half in the ranking: the same 4 stars from a long-standing account
    // moves the ranking further.
    const twin = await twoStarService();
    const trusted = await submit(await resident(60 * 24 * 400), twin, { ip: '192.0.2.200', overall: 4 });
    await asModerator('POST', `/api/v1/moderation/reviews/${trusted.json<MyReview>().id}/decision`, {
      decision: 'publish',
    });
    // Compared at one moment: both services share the area's prior, which every publish moves a little.
    const [halfWeighted, fullWeighted] = [await ratingOf(serviceId), await ratingOf(twin)];
    expect(fullWeighted.mean).toBe(halfWeighted.mean);
    expect(fullWeighted.rankingScore).toBeGreaterThan(halfWeighted.rankingScore);
  });
});
