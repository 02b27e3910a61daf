// Issue 14 item 6: what a council moderator needs beside publish and reject. Escalating a safeguarding concern
// (who passed it to whom), writing to the writer, telling a rejected writer why and letting them edit and send
// it again, and an audit log that reads in names and words rather than ids. Real Postgres, through the API.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderationActions, notifications, outboundMessages, reviews } from '@care-assist/db';
import type { AuditEntry, ModerationReview, MyReview, Page } from '@care-assist/domain';
import { makeOrganisation, makeService, makeUser } from './helpers/factories.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
type User = Awaited<ReturnType<typeof makeUser>>;
let moderator: User;
let admin: User;
let careHomeId: string;
const db = () => ctx.database.handle.db;

const review = (overrides: Record<string, unknown> = {}) => ({
  serviceId: careHomeId,
  relationship: 'family',
  overall: 2,
  categories: { quality_of_care: 2, staff: 2, food: 3, cleanliness: null, management: 1, dignity_respect: 1 },
  periodMonth: 10,
  periodYear: 2026,
  title: 'Worried about nights',
  body: 'My mother was left alone for hours and I think she was neglected at night.',
  consent: true,
  ...overrides,
});

const post = (url: string, as: User, payload: Record<string, unknown>) =>
  ctx.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as.auth, payload });

async function submitted(author: User, overrides: Record<string, unknown> = {}) {
  const res = await post('/reviews', author, review(overrides));
  expect(res.statusCode).toBe(201);
  return res.json<MyReview>();
}

const auditRows = (reviewId: string) =>
  db().select().from(moderationActions).where(eq(moderationActions.targetId, reviewId));

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date('2026-11-20T12:00:00Z');
  const org = await makeOrganisation(db(), { name: 'Harbour Care Ltd' });
  careHomeId = (
    await makeService(db(), {
      organisationId: org.id,
      name: 'Harbour View Care Home',
      careTypes: ['care_home'],
      pricePerHourPence: null,
      pricePerWeekPence: 120_000,
    })
  ).id;
  moderator = await makeUser(ctx.app, db(), 'moderator', 'Morgan Moderator');
  admin = await makeUser(ctx.app, db(), 'admin', 'Ada Admin');
});
afterAll(() => ctx.close());

describe('a safeguarding concern', () => {
  it('is escalated by a named moderator to a named team, shown on the review and in the audit log', async () => {
    const author = await makeUser(ctx.app, db(), 'resident', 'Sam Writer');
    const { id } = await submitted(author);
    const res = await post(`/moderation/reviews/${id}/escalate`, moderator, {
      to: 'social_care_direct',
      note: 'Phoned it through, reference SCD-1234',
    });
    expect(res.statusCode).toBe(200);
    const escalated = res.json<ModerationReview>();
    expect(escalated.status).toBe('pending');
    expect(escalated.escalations).toEqual([
      {
        byName: 'Morgan Moderator',
        to: 'Essex Social Care Direct (adult safeguarding)',
        note: 'Phoned it through, reference SCD-1234',
        at: expect.any(String) as string,
      },
    ]);
    const queue = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/moderation/reviews?queue=safeguarding&per_page=100',
      headers: moderator.auth,
    });
    const listed = queue.json<Page<ModerationReview>>().items.find((r) => r.id === id);
    expect(listed?.escalations.map((e) => e.to)).toEqual(['Essex Social Care Direct (adult safeguarding)']);

    const log = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/moderation/audit?target_id=${id}`,
      headers: admin.auth,
    });
    const [entry] = log.json<Page<AuditEntry>>().items;
    expect(entry).toMatchObject({
      actorName: 'Morgan Moderator',
      actionLabel: 'Escalated to Essex Social Care Direct (adult safeguarding)',
      targetLabel: 'Review “Worried about nights” of Harbour View Care Home by Sam Writer',
    });
  });

  it('lets a moderator write to the writer: an e-mail, an in-app notice, and an audit entry', async () => {
    const author = await makeUser(ctx.app, db(), 'resident', 'Kim Writer');
    const { id } = await submitted(author);
    const message = 'Thank you for telling us. Is your mother safe tonight? Please call us on 0345 603 7630.';
    expect((await post(`/moderation/reviews/${id}/contact-writer`, moderator, { message })).statusCode).toBe(200);
    const mail = await db().select().from(outboundMessages).where(eq(outboundMessages.to, author.email));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain(message);
    expect(mail[0]!.body).toContain('call 999');
    const notices = await db().select().from(notifications).where(eq(notifications.userId, author.id));
    expect(notices.map((n) => n.text)).toEqual([expect.stringContaining(message)]);
    expect((await auditRows(id)).map((a) => [a.action, a.actorId, a.note])).toEqual([
      ['contact_writer', moderator.id, message],
    ]);
  });

  it('refuses bad input and other roles, changing nothing', async () => {
    const author = await makeUser(ctx.app, db(), 'resident', 'Lee Writer');
    const { id } = await submitted(author);
    expectProblem(await post(`/moderation/reviews/${id}/escalate`, moderator, { to: 'my_friend' }), 400);
    expectProblem(await post(`/moderation/reviews/${id}/contact-writer`, moderator, { message: 'hi' }), 400);
    expectProblem(await post(`/moderation/reviews/${id}/contact-writer`, moderator, { message: '            ' }), 400);
    expectProblem(await post(`/moderation/reviews/${id}/escalate`, author, { to: 'police' }), 403);
    expectProblem(
      await post('/moderation/reviews/00000000-0000-4000-8000-000000000000/escalate', moderator, { to: 'police' }),
      404,
    );
    expect(await auditRows(id)).toEqual([]);
    expect(await db().select().from(outboundMessages).where(eq(outboundMessages.to, author.email))).toEqual([]);
  });
});

describe('a rejected review', () => {
  it('tells its writer why, in the app, and can be edited and sent again', async () => {
    const author = await makeUser(ctx.app, db(), 'resident', 'Jo Writer');
    const { id } = await submitted(author, {
      title: 'Rude night staff',
      body: 'Susan Miller on nights was rude to my mother and ignored her bell for an hour.',
    });
    const decided = await post(`/moderation/reviews/${id}/decision`, moderator, {
      decision: 'reject',
      reasonCode: 'personal_details',
      note: 'Please leave out staff names.',
    });
    expect(decided.statusCode).toBe(200);
    const [notice] = await db().select().from(notifications).where(eq(notifications.userId, author.id));
    expect(notice?.text).toContain('It contains personal details');
    expect(notice?.text).toContain('Please leave out staff names.');
    expect(notice?.text).toContain('edit it and send it again');

    const edited = await ctx.app.inject({
      method: 'PUT',
      url: `/api/v1/reviews/${id}`,
      headers: author.auth,
      payload: (({ serviceId: _s, consent: _c, ...rest }) => ({ ...rest, consent: true }))(
        review({
          title: 'Rude night staff',
          body: 'One of the night staff was rude to my mother and ignored her bell for an hour.',
        }),
      ),
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<MyReview>()).toMatchObject({ status: 'pending', rejectReason: null, moderatorNote: null });
    const actions = (await auditRows(id)).map((a) => [a.action, a.actorId]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['reject', moderator.id],
        ['resubmit', author.id],
      ]),
    );
    // And it is in front of a moderator again.
    const [row] = await db()
      .select()
      .from(reviews)
      .where(and(eq(reviews.id, id), eq(reviews.status, 'pending')));
    expect(row).toBeDefined();
  });
});
