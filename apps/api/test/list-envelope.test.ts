// One pagination envelope for every list the API answers (issue 12): `items`, `total`, `page`, `perPage`,
// `totalPages`, asked for with `page` and a bounded `per_page` (snake_case). Checked two ways: every GET route's
// declared schema (so a new list cannot slip past), and every list read for real from the demo data, page by page,
// with bad paging refused as a 400 problem+json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoData } from '@care-assist/db';
import type { Page } from '@care-assist/domain';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};

/** Lists with an envelope of their own, by design: Open Referral UK's profile and the open-data downloads. */
const OWN_ENVELOPE = [/^\/openreferral\//, /^\/api\/v1\/open-data\//];
/** Answers that hold an `items` array but are one thing, not a list to walk (a settings form, a dashboard). */
const NOT_LISTS = new Set(['/api/v1/me/email-preferences']);

beforeAll(async () => {
  ctx = await buildTestApp();
  await seedDemoData(ctx.database.handle);
  for (const [who, email] of Object.entries({
    resident: 'reviewer1@demo.care-assist.test',
    provider: 'provider@demo.care-assist.test',
    newProvider: 'new.provider@demo.care-assist.test',
    moderator: 'moderator@demo.care-assist.test',
    admin: 'admin@demo.care-assist.test',
  })) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: DEMO_PASSWORD },
    });
    expect(res.statusCode, email).toBe(200);
    tokens[who] = res.json<{ accessToken: string }>().accessToken;
  }
});
afterAll(() => ctx?.close());

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[] };

describe('every list route declares the envelope', () => {
  it('answers GET lists with items, total, page, perPage and totalPages, and takes page and per_page', () => {
    const lists = ctx.routes.filter((r) => r.method === 'GET' && !OWN_ENVELOPE.some((re) => re.test(r.url)));
    const problems: string[] = [];
    let checked = 0;
    for (const route of lists) {
      const ok = (route.schema?.response as Record<string, Schema> | undefined)?.[200];
      if (!ok) continue;
      if (ok.type === 'array') problems.push(`${route.url}: a bare array, not the page envelope`);
      if (ok.properties?.items?.type !== 'array' || NOT_LISTS.has(route.url)) continue;
      checked++;
      for (const field of ['total', 'page', 'perPage', 'totalPages']) {
        if (!ok.properties[field]) problems.push(`${route.url}: no ${field}`);
      }
      const query = (route.schema?.querystring as Schema | undefined)?.properties ?? {};
      if (!query.page || !query.per_page) problems.push(`${route.url}: no page/per_page query parameters`);
      const camel = Object.keys(query).filter((name) => /[A-Z]/.test(name));
      if (camel.length > 0) problems.push(`${route.url}: query parameters not snake_case: ${camel.join(', ')}`);
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});

async function get<T>(who: string | null, url: string) {
  const res = await ctx.app.inject({
    method: 'GET',
    url,
    headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
  });
  return { res, body: () => res.json<T>() };
}

const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;

/** The demo data's lists, read as the person who sees them. */
async function demoLists(): Promise<[string | null, string][]> {
  // The published service with the most reviews (the search index is not built in this test).
  const [{ slug }] = (await ctx.database.handle.query<{ slug: string }>(
    `select s.slug from services s join reviews r on r.service_id = s.id and r.status = 'published'
     where s.status = 'published' group by s.slug order by count(*) desc, s.slug limit 1`,
    [],
  )) as [{ slug: string }];
  const listing = (await get<Page<{ id: string }>>('provider', '/api/v1/provider/services')).body().items[0]!.id;
  return [
    ['moderator', '/api/v1/moderation/reviews?queue=pending'],
    ['moderator', '/api/v1/moderation/reviews?queue=reported'],
    ['moderator', '/api/v1/moderation/questions'],
    ['moderator', '/api/v1/moderation/review-groups'],
    ['admin', '/api/v1/moderation/audit'],
    ['moderator', '/api/v1/moderation/services?status=published'],
    ['moderator', '/api/v1/moderation/claims'],
    ['moderator', '/api/v1/council/care-packages'],
    ['admin', '/api/v1/council/commissioners'],
    ['moderator', '/api/v1/budgets'],
    ['resident', '/api/v1/bookings'],
    ['resident', '/api/v1/reviews/mine'],
    ['resident', '/api/v1/notifications'],
    ['resident', '/api/v1/outcomes/due'],
    ['resident', '/api/v1/shortlist'],
    ['provider', '/api/v1/reviews/for-my-services'],
    ['provider', '/api/v1/provider/services'],
    ['provider', `/api/v1/provider/services/${listing}/photos`],
    ['provider', '/api/v1/organisations'],
    ['newProvider', '/api/v1/claims/mine'],
    ['newProvider', '/api/v1/claims/services?q=care'],
    [null, `/api/v1/services/${slug}/reviews`],
    [null, `/api/v1/services/${slug}/questions`],
  ];
}

describe('every list reads a page at a time', () => {
  it('walks the pages of each demo list: page 2 continues page 1, and the counts agree', async () => {
    const walked: string[] = [];
    for (const [who, url] of await demoLists()) {
      const all = await get<Page<{ id?: string }>>(who, withQuery(url, 'per_page=50'));
      expect(all.res.statusCode, `${url}: ${all.res.body}`).toBe(200);
      const whole = all.body();
      expect(whole, url).toMatchObject({ page: 1, perPage: 50, totalPages: Math.ceil(whole.total / 50) });
      expect(whole.items.length, url).toBe(Math.min(whole.total, 50));
      if (whole.total < 3) continue;
      const first = (await get<Page<unknown>>(who, withQuery(url, 'per_page=2'))).body();
      const second = (await get<Page<unknown>>(who, withQuery(url, 'per_page=2&page=2'))).body();
      expect(first, url).toMatchObject({
        total: whole.total,
        page: 1,
        perPage: 2,
        totalPages: Math.ceil(whole.total / 2),
      });
      expect(second, url).toMatchObject({ total: whole.total, page: 2, perPage: 2 });
      expect([...first.items, ...second.items], url).toEqual(whole.items.slice(0, 4));
      const beyond = (await get<Page<unknown>>(who, withQuery(url, `per_page=2&page=${first.totalPages + 1}`))).body();
      expect(beyond.items, url).toEqual([]);
      walked.push(url);
    }
    // The demo data holds long lists for these at least, so the walk above is not vacuous.
    for (const url of [
      '/moderation/reviews?queue=pending',
      '/for-my-services',
      '/moderation/services',
      '/reviews/mine',
    ]) {
      expect(
        walked.some((w) => w.includes(url)),
        url,
      ).toBe(true);
    }
    expect(walked.length).toBeGreaterThanOrEqual(8);
  });

  it.each([
    ['per_page=0', 'per_page'],
    ['per_page=101', 'per_page'],
    ['per_page=abc', 'per_page'],
    ['page=0', 'page'],
    ['page=10001', 'page'],
    ['page=1.5', 'page'],
  ])('refuses %s with a 400 problem naming %s, on every list', async (query) => {
    for (const [who, url] of await demoLists()) {
      // The reviews of one service keep their own, smaller bound (50 a page); the rest share 100.
      if (query === 'per_page=101' && url.endsWith('/reviews')) continue;
      const { res } = await get(who, withQuery(url, query));
      const problem = expectProblem(res, 400);
      expect(JSON.stringify(problem), `${url}?${query}`).toMatch(/page/);
    }
  });
});
