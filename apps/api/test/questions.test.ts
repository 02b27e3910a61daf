// Questions and answers about a service: asked, pre-checked, moderated, answered by residents and the
// provider, and shown publicly; refusals change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, moderationActions, questions } from '@care-assist/db';
import type { PendingText, PublicQuestion, Page } from '@care-assist/domain';
import { makeMember, makeOrganisation, makeService, makeUser } from './helpers/factories.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
type User = Awaited<ReturnType<typeof makeUser>>;
let provider: User;
let moderator: User;
let slug: string;
const db = () => ctx.database.handle.db;

beforeAll(async () => {
  ctx = await buildTestApp();
  const org = await makeOrganisation(db());
  slug = (await makeService(db(), { organisationId: org.id, name: 'Asked About Home Care' })).slug;
  provider = await makeUser(ctx.app, db(), 'provider', 'Pat Provider');
  await makeMember(db(), org.id, provider.id);
  moderator = await makeUser(ctx.app, db(), 'moderator');
});
afterAll(() => ctx.close());

const post = (url: string, who: User | null, payload: unknown) =>
  ctx.app.inject({ method: 'POST', url, headers: who?.auth ?? {}, payload: payload as Record<string, unknown> });
const snapshot = async () =>
  JSON.stringify(
    await Promise.all([
      db().select().from(questions),
      db().select().from(answers),
      db().select().from(moderationActions),
    ]),
  );

describe('questions and answers', () => {
  it('go through moderation before anyone sees them, and the provider’s answer is marked', async () => {
    const asker = await makeUser(ctx.app, db(), 'resident', 'Quinn Asker');
    const asked = await post(`/api/v1/services/${slug}/questions`, asker, {
      body: 'Do your carers speak Polish? Email me at quinn@example.test',
    });
    expect(asked.statusCode).toBe(201);
    const questionId = asked.json<PublicQuestion>().id;
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${slug}/questions` })).json()).toEqual({
      items: [],
      total: 0,
      page: 1,
      perPage: 20,
      totalPages: 0,
    });

    const queue = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/moderation/questions?per_page=100',
      headers: moderator.auth,
    });
    const pending = queue.json<Page<PendingText>>().items.find((t) => t.id === questionId)!;
    expect(pending.prechecks).toContainEqual({ code: 'email', match: 'quinn@example.test' });
    expect(
      (await post(`/api/v1/moderation/questions/${questionId}/decision`, moderator, { decision: 'publish' }))
        .statusCode,
    ).toBe(200);

    const neighbour = await makeUser(ctx.app, db(), 'resident', 'Nina Neighbour');
    const fromResident = await post(`/api/v1/questions/${questionId}/answers`, neighbour, {
      body: 'Two of ours did, yes.',
    });
    const fromProvider = await post(`/api/v1/questions/${questionId}/answers`, provider, {
      body: 'Yes, three of our carers speak Polish.',
    });
    expect(fromResident.statusCode).toBe(201);
    expect(fromProvider.statusCode).toBe(201);
    await post(`/api/v1/moderation/answers/${fromResident.json<{ id: string }>().id}/decision`, moderator, {
      decision: 'publish',
    });
    await post(`/api/v1/moderation/answers/${fromProvider.json<{ id: string }>().id}/decision`, moderator, {
      decision: 'publish',
    });

    const listed = (await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${slug}/questions` })).json<
      Page<PublicQuestion>
    >().items;
    expect(listed).toHaveLength(1);
    expect(listed[0]!.authorName).toBe('Quinn A.');
    expect(listed[0]!.answers.map((a) => [a.authorName, a.fromProvider])).toEqual([
      ['Nina N.', false],
      ['Pat P. (the provider)', true],
    ]);
  });

  it('refuses bad input and the wrong people, changing nothing', async () => {
    const asker = await makeUser(ctx.app, db(), 'resident');
    const question = (
      await post(`/api/v1/services/${slug}/questions`, asker, { body: 'Is there parking for visitors?' })
    ).json<PublicQuestion>();
    const otherProvider = await makeUser(ctx.app, db(), 'provider');
    const before = await snapshot();
    expectProblem(await post(`/api/v1/services/${slug}/questions`, asker, { body: 'Short' }), 400);
    expectProblem(await post(`/api/v1/services/${slug}/questions`, asker, { body: 'x'.repeat(1001) }), 400);
    expectProblem(
      await post(`/api/v1/services/${slug}/questions`, null, { body: 'Is there parking for visitors?' }),
      401,
    );
    expectProblem(
      await post(`/api/v1/services/no-such-service/questions`, asker, { body: 'Is there parking for visitors?' }),
      404,
    );
    // Not published yet, so it cannot be answered.
    expectProblem(await post(`/api/v1/questions/${question.id}/answers`, asker, { body: 'Yes' }), 404);
    expectProblem(
      await post(`/api/v1/moderation/questions/${question.id}/decision`, asker, { decision: 'publish' }),
      403,
    );
    expectProblem(
      await ctx.app.inject({ method: 'GET', url: '/api/v1/moderation/questions', headers: otherProvider.auth }),
      403,
    );
    expectProblem(
      await post(`/api/v1/moderation/questions/${question.id}/decision`, moderator, { decision: 'reject' }),
      400,
    );
    expect(await snapshot()).toBe(before);

    await post(`/api/v1/moderation/questions/${question.id}/decision`, moderator, { decision: 'publish' });
    const after = await snapshot();
    expectProblem(
      await post(`/api/v1/questions/${question.id}/answers`, otherProvider, { body: 'We have parking' }),
      403,
    );
    expectProblem(
      await post(`/api/v1/moderation/questions/${question.id}/decision`, moderator, { decision: 'publish' }),
      409,
    );
    expect(await snapshot()).toBe(after);
  });
});

describe('the question moderation queue, a page at a time', () => {
  it('orders questions and answers together, oldest first, and walks them page by page', async () => {
    const asker = await makeUser(ctx.app, db(), 'resident', 'Page Asker');
    const ask = async (body: string) =>
      (await post(`/api/v1/services/${slug}/questions`, asker, { body })).json<PublicQuestion>();
    const open = await ask('Do you take people with dementia?');
    await post(`/api/v1/moderation/questions/${open.id}/decision`, moderator, { decision: 'publish' });
    // Question, answer, question, answer: the queue interleaves the two tables by age.
    const q1 = await ask('Can relatives visit in the evening?');
    const a1 = (await post(`/api/v1/questions/${open.id}/answers`, provider, { body: 'Yes, we do.' })).json<{
      id: string;
    }>();
    const q2 = await ask('Is there a garden residents can use?');
    const a2 = (await post(`/api/v1/questions/${open.id}/answers`, asker, { body: 'My mum lives there.' })).json<{
      id: string;
    }>();
    const get = async (query: string) =>
      (
        await ctx.app.inject({ method: 'GET', url: `/api/v1/moderation/questions?${query}`, headers: moderator.auth })
      ).json<Page<PendingText>>();
    const all = await get('per_page=100');
    const mine = all.items.filter((t) => [q1.id, a1.id, q2.id, a2.id].includes(t.id)).map((t) => [t.kind, t.id]);
    expect(mine).toEqual([
      ['question', q1.id],
      ['answer', a1.id],
      ['question', q2.id],
      ['answer', a2.id],
    ]);
    const pages = [];
    for (let page = 1; page <= all.total; page++) {
      const one = await get(`per_page=1&page=${page}`);
      expect(one).toMatchObject({ total: all.total, page, perPage: 1, totalPages: all.total });
      pages.push(...one.items);
    }
    expect(pages).toEqual(all.items);
    expect((await get(`per_page=1&page=${all.total + 1}`)).items).toEqual([]);
    expectProblem(
      await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/moderation/questions?per_page=101',
        headers: moderator.auth,
      }),
      400,
    );
  });
});
