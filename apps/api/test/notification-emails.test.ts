// Notification e-mails through the real flows, read from the mail catcher: quotes, moderation decisions, provider
// news, safeguarding at once, the moderators' daily digest, and the one-click unsubscribe that switches a kind off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingDetail, MyReview } from '@care-assist/domain';
import { organisationMembers } from '@care-assist/db';
import { makePerson, makeProvider, type Person } from './helpers/factories.ts';
import { caller } from './helpers/budgets.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
let call: ReturnType<typeof caller>;
let moderator: Person;
beforeAll(async () => {
  ctx = await buildTestApp();
  call = caller(ctx);
  moderator = await makePerson(ctx, 'moderator', 'Mo Moderator');
});
afterAll(() => ctx.close());

async function inbox(to: string) {
  await ctx.deliverMail();
  return ctx.mail.to(to);
}

const review = (serviceId: string, body: string) => ({
  serviceId,
  relationship: 'family',
  overall: 4,
  categories: {
    quality_of_care: 4,
    dignity_respect: 5,
    staff: 4,
    reliability: 4,
    communication: null,
    value_for_money: 4,
  },
  periodMonth: 10,
  periodYear: 2026,
  title: 'Kind and reliable carers',
  body,
  consent: true,
});

describe('e-mails about quotes', () => {
  it('tells the resident a quote arrived, and stops when they unsubscribe with one click', async () => {
    const provider = await makeProvider(ctx);
    const resident = await makePerson(ctx, 'resident', 'Quinn Quote');
    const ask = async () => {
      const res = await call(resident, 'POST', '/api/v1/bookings', {
        serviceId: provider.service.id,
        careType: 'home_care',
        hoursPerWeek: 6,
        startDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
        durationWeeks: 4,
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json<BookingDetail>().id;
      const quoted = await call(provider.member, 'POST', `/api/v1/bookings/${id}/quote`, {
        weeklyPence: 20_000,
        startDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
        terms: 'One week notice.',
      });
      expect(quoted.statusCode, quoted.body).toBe(200);
      return id;
    };
    const bookingId = await ask();
    const [message] = (await inbox(resident.email)).filter((m) => /quote/.test(m.subject));
    expect(message?.text).toContain(`http://localhost:3000/bookings/${bookingId}`);
    const unsubscribeUrl = message!.headers['list-unsubscribe']!.slice(1, -1);
    const token = unsubscribeUrl.split('/').pop()!;

    expectProblem(await call(null, 'POST', '/api/v1/email/unsubscribe', { token: `${token}x` }), 400);
    const off = await call(null, 'POST', '/api/v1/email/unsubscribe', { token });
    expect(off.json()).toEqual({ kind: 'quote_received', label: 'A provider sent you a quote' });
    const prefs = await call(resident, 'GET', '/api/v1/me/email-preferences');
    expect(prefs.json<{ items: { kind: string; email: boolean }[] }>().items).toContainEqual(
      expect.objectContaining({ kind: 'quote_received', email: false }),
    );

    await ask();
    expect((await inbox(resident.email)).filter((m) => /quote/.test(m.subject))).toHaveLength(1);
    // The in-app notification still arrives.
    const news = (await call(resident, 'GET', '/api/v1/notifications')).json<{ items: { kind: string }[] }>();
    expect(news.items.filter((n) => n.kind === 'quoted')).toHaveLength(2);
  });
});

describe('e-mails about reviews', () => {
  it('tells the author the decision with the reason, and the provider about a new published review', async () => {
    const provider = await makeProvider(ctx);
    const author = await makePerson(ctx, 'resident', 'Rene Reviewer');
    const submit = async (text: string) => {
      const res = await call(author, 'POST', '/api/v1/reviews', review(provider.service.id, text));
      expect(res.statusCode, res.body).toBe(201);
      return res.json<MyReview>().id;
    };
    const first = await submit('The carers who visit my father are kind, patient and always on time.');
    const decided = await call(moderator, 'POST', `/api/v1/moderation/reviews/${first}/decision`, {
      decision: 'reject',
      reasonCode: 'not_about_service',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const rejected = (await inbox(author.email)).find((m) => /was not published/.test(m.subject));
    expect(rejected?.text).toContain('It is not about this care service');

    const second = await submit('Friendly, reliable visits every morning; the office answers the phone quickly.');
    await call(moderator, 'POST', `/api/v1/moderation/reviews/${second}/decision`, { decision: 'publish' });
    expect((await inbox(author.email)).map((m) => m.subject)).toContain(
      `Your review of ${provider.service.name} is published`,
    );
    expect((await inbox(provider.member.email)).map((m) => m.subject)).toContain(
      `A new review of ${provider.service.name}`,
    );
  });

  it('tells moderators about a safeguarding concern at once, and sends the queue digest once a day', async () => {
    const provider = await makeProvider(ctx);
    const author = await makePerson(ctx, 'resident', 'Sid Safeguard');
    const res = await call(
      author,
      'POST',
      '/api/v1/reviews',
      review(provider.service.id, 'My mother was left alone for hours and I think she was neglected at night.'),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect((await inbox(moderator.email)).map((m) => m.subject)).toContain(
      `Safeguarding: a review of ${provider.service.name} needs looking at now`,
    );

    expect(await ctx.app.modules.moderationDigest()).toBeGreaterThanOrEqual(1);
    const digests = () => ctx.mail.to(moderator.email).filter((m) => /waiting for moderation/.test(m.subject));
    await ctx.deliverMail();
    expect(digests()).toHaveLength(1);
    // Again the same day (another API process, say): nothing.
    expect(await ctx.app.modules.moderationDigest()).toBe(0);
    ctx.clock.now = new Date(Date.now() + 25 * 3_600_000);
    try {
      expect(await ctx.app.modules.moderationDigest()).toBeGreaterThanOrEqual(1);
    } finally {
      ctx.clock.now = null;
    }
    await ctx.deliverMail();
    expect(digests()).toHaveLength(2);
  });
});

describe('e-mails about questions', () => {
  it("tells the provider's members about a published question, except a member who switched it off", async () => {
    const provider = await makeProvider(ctx);
    const quiet = await makePerson(ctx, 'provider', 'Quinn Quiet');
    await ctx.database.handle.db
      .insert(organisationMembers)
      .values({ organisationId: provider.organisation.id, userId: quiet.id, role: 'staff' });
    const off = await ctx.app.inject({
      method: 'PUT',
      url: '/api/v1/me/email-preferences',
      headers: { authorization: `Bearer ${quiet.token}` },
      payload: { preferences: { new_question: false } },
    });
    expect(off.statusCode, off.body).toBe(200);

    const asker = await makePerson(ctx, 'resident', 'Ada Asker');
    const asked = await call(asker, 'POST', `/api/v1/services/${provider.service.slug}/questions`, {
      body: 'Do your carers speak Polish? My grandmother is more at ease in her first language.',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const questionId = asked.json<{ id: string }>().id;
    // Waiting for moderation, the provider cannot see it yet: no e-mail.
    expect((await inbox(provider.member.email)).filter((m) => /A question about/.test(m.subject))).toEqual([]);

    const decided = await call(moderator, 'POST', `/api/v1/moderation/questions/${questionId}/decision`, {
      decision: 'publish',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const [message, ...more] = (await inbox(provider.member.email)).filter((m) => /A question about/.test(m.subject));
    expect(more).toEqual([]);
    expect(message?.subject).toBe(`A question about ${provider.service.name}`);
    expect(message?.text).toContain('Do your carers speak Polish?');
    expect(message?.text).toContain(`/services/${provider.service.slug}#questions-title`);
    expect(message?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect((await inbox(quiet.email)).filter((m) => /A question about/.test(m.subject))).toEqual([]);
    // The asker hears nothing from this: it is the provider's news.
    expect((await inbox(asker.email)).filter((m) => /A question about/.test(m.subject))).toEqual([]);
  });
});
