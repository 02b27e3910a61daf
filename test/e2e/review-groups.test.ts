// Review fraud in the browser (issue 13): brand-new accounts post five stars to one service from one network;
// a council moderator sees them as one group on the moderation page, with why they were grouped, and rejects
// them all in one action with a reason. The service's rating never moves.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthResponse, MyReview, SearchResponse, ServiceDetail } from '@care-assist/domain';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
let page: Page;

const PASSWORD = 'CareAssist-demo-2026';

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  expect(await product?.stop()).toBe(0);
});

async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${product.apiUrl}/api/v1${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Opens the confirmation link from the e-mail the new account was sent (only confirmed accounts may review). */
async function confirmEmail(email: string) {
  let token: string | undefined;
  const until = Date.now() + 30_000;
  while (!token && Date.now() < until) {
    const messages = (await (await fetch(`${product.mailUrl}/messages.json`)).json()) as {
      to: string[];
      text: string;
    }[];
    token = messages
      .find((m) => m.to.some((to) => to.includes(email)))
      ?.text.match(/\/verify-email\/([A-Za-z0-9_-]+)/)?.[1];
    if (!token) await new Promise((r) => setTimeout(r, 250));
  }
  expect(token, `no confirmation e-mail reached ${email}`).toBeDefined();
  expect((await api('POST', '/auth/verify-email', { token })).status).toBe(200);
}

/** A brand-new account that writes five stars from the given address (the API trusts loopback's X-Forwarded-For). */
async function freshAccountReview(serviceId: string, ip: string, n: number) {
  const registered = await api<AuthResponse>('POST', '/auth/register', {
    email: `burst-${randomUUID().slice(0, 8)}@example.test`,
    password: PASSWORD,
    displayName: `New Reviewer ${n}`,
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
  await confirmEmail(registered.body.user.email);
  const review = await api<MyReview>(
    'POST',
    '/reviews',
    {
      serviceId,
      relationship: 'family',
      overall: 5,
      categories: { quality_of_care: 5, staff: 5, reliability: 5 },
      periodMonth: 10,
      periodYear: 2026,
      title: `Simply the best ${n}`,
      body: `Reviewer ${n}: faultless care on every single visit, the best service in the whole county by far.`,
      consent: true,
    },
    { authorization: `Bearer ${registered.body.accessToken}`, 'x-forwarded-for': ip },
  );
  expect(review.status, JSON.stringify(review.body)).toBe(201);
  return review.body;
}

describe('a burst of reviews, decided as a group', () => {
  it('shows the moderator the whole group and rejects it in one action, leaving the rating alone', async () => {
    const search = await api<SearchResponse>('GET', '/services?care_type=home_care&postcode=CM1&per_page=50');
    const target = search.body.items.find((i) => i.rating.count >= 1)!;
    expect(target).toBeDefined();
    const before = (await api<ServiceDetail>('GET', `/services/${target.slug}`)).body.rating;

    const written = [];
    for (let n = 1; n <= 3; n++) written.push(await freshAccountReview(target.id, `198.51.100.${n + 10}`, n));

    await page.goto(`${product.webUrl}/login`);
    await page.getByLabel('Email address').fill('moderator@demo.care-assist.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${product.webUrl}/moderation`);

    const groups = page.getByRole('region', { name: /Suspected bursts of reviews/ });
    const group = groups.getByRole('article', { name: `3 reviews of ${target.name}` });
    await expect.poll(() => group.count()).toBe(1);
    const text = await group.innerText();
    for (const review of written) expect(text).toContain(review.title);
    expect(text).toMatch(/Several reviews of this service from one network/);
    expect(text).toMatch(/Account created just before writing/);
    // Grouped reviews are not offered one by one below.
    expect(await page.getByRole('button', { name: `Publish: ${written[0]!.title}` }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'review-groups-01-group');

    // Rejecting without a reason is refused, then one action rejects all three.
    await group.getByRole('button', { name: /Reject all 3/ }).click();
    await expect
      .poll(() => page.getByRole('status').allInnerTexts())
      .toContainEqual(expect.stringMatching(/Choose a reason/));
    const again = page
      .getByRole('region', { name: /Suspected bursts of reviews/ })
      .getByRole('article', { name: `3 reviews of ${target.name}` });
    await again.getByLabel(/Reason given to every writer/).selectOption('false_or_misleading');
    await again.getByRole('button', { name: /Reject all 3/ }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(new RegExp(`Done: 3 reviews of .* rejected`));
    await screenshot(page, 'review-groups-02-rejected');

    for (const review of written) {
      const moderated = await fetch(`${product.apiUrl}/api/v1/reviews/${review.id}`);
      expect(moderated.status).toBe(404); // not published: only its author and moderators may see it
    }
    const after = (await api<ServiceDetail>('GET', `/services/${target.slug}`)).body.rating;
    expect(after.count).toBe(before.count);
    expect(after.mean).toBe(before.mean);
  });
});
