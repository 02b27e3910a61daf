// A resident writes a review (with a <script> in it) in a real browser, a council moderator publishes it,
// and the service page and search show it: the script is plain text, and the rating moved.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse, ServiceDetail } from '@care-assist/domain';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
let page: Page;

const PASSWORD = 'CareAssist-demo-2026';
const TITLE = `Wonderful evening visits ${Date.now().toString(36)}`;
const BODY = 'The evening carers are gentle and never rushed. <script>window.__pwned = true</script> Thank you all.';

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

async function signIn(email: string) {
  await page.goto(`${product.webUrl}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Each role lands where its work is (residents /account, council staff /moderation).
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function signOut() {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect.poll(() => page.getByRole('link', { name: 'Sign in' }).count()).toBeGreaterThan(0);
}

async function apiService(slug: string): Promise<ServiceDetail> {
  return (await (await fetch(`${product.apiUrl}/api/v1/services/${slug}`)).json()) as ServiceDetail;
}

describe('writing and publishing a review', () => {
  let serviceUrl = '';
  let slug = '';
  let countBefore = 0;

  it('shows the rating breakdown and reviews on a service page', async () => {
    // A home care service near CM1 that already has reviews, so the breakdown has something to show.
    const res = await fetch(`${product.apiUrl}/api/v1/services?care_type=home_care&postcode=CM1&per_page=50`);
    const reviewed = ((await res.json()) as SearchResponse).items.find((i) => i.rating.count >= 3);
    expect(reviewed).toBeDefined();
    slug = reviewed!.slug;
    serviceUrl = `${product.webUrl}/services/${slug}`;
    await page.goto(serviceUrl);
    countBefore = (await apiService(slug)).rating.count;
    const main = await page.locator('main').innerText();
    expect(main).toMatch(/out of 5 from \d+ reviews/);
    expect(main).toMatch(/out of 10/);
    expect(main).toMatch(/Star ratings/);
    await page.getByText('How is this calculated?').click();
    expect(await page.locator('details').first().innerText()).toMatch(/up to 8 points/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'reviews-01-service-page');
  });

  it('lets a resident write a review, which waits for moderation', async () => {
    await signIn('resident@demo.care-assist.test');
    await page.goto(serviceUrl);
    await page.getByRole('link', { name: 'Write a review' }).click();
    await page.waitForURL(/\/review$/);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Sending it empty shows the errors.
    await page.getByRole('button', { name: 'Send for moderation' }).click();
    expect(await page.getByRole('alert').innerText()).toMatch(/There is a problem/);
    await screenshot(page, 'reviews-02-form-errors');

    await page.getByLabel('Family member').check();
    await page.getByLabel('Overall, how would you rate the care?').selectOption('5');
    for (const label of ['Quality of care', 'Dignity and respect', 'Staff', 'Reliability and punctuality']) {
      await page.getByLabel(label, { exact: true }).selectOption('5');
    }
    const now = new Date();
    await page.getByLabel('Month').selectOption(String(now.getMonth() + 1));
    await page.getByLabel('Year').selectOption(String(now.getFullYear()));
    await page.getByLabel('Give your review a title').fill(TITLE);
    await page.getByLabel('Your review', { exact: true }).fill(BODY);
    await page.getByLabel(/my own honest experience/).check();
    await page.getByRole('button', { name: 'Send for moderation' }).click();
    await page.waitForURL(/\/account\/reviews/);
    const mine = await page.locator('main').innerText();
    expect(mine).toContain(TITLE);
    expect(mine).toContain('Waiting for moderation');
    await screenshot(page, 'reviews-03-my-reviews');
    await signOut();
  });

  it('lets a moderator publish it from the queue', async () => {
    await signIn('moderator@demo.care-assist.test');
    await page.goto(`${product.webUrl}/moderation`);
    const card = page.locator('li.card', { hasText: TITLE });
    expect(await card.innerText()).toContain('<script>');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'reviews-04-moderation-queue');
    await card.getByRole('button', { name: /^Publish/ }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/now published/);
    await signOut();
  });

  it('shows the review as plain text on the service page, with the new rating, and search follows', async () => {
    await page.goto(serviceUrl);
    const review = page.locator('li.card', { hasText: TITLE });
    expect(await review.locator('.review__body').innerText()).toBe(BODY);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    const countAfter = countBefore + 1;
    expect(await page.locator('main').innerText()).toMatch(
      new RegExp(`out of 5 from ${countAfter} review${countAfter === 1 ? '' : 's'}`),
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await review.scrollIntoViewIfNeeded();
    await screenshot(page, 'reviews-05-published-review');

    // The outbox worker carries the new aggregate into the search index within a few seconds.
    const service = await apiService(slug);
    await expect
      .poll(
        async () => {
          const res = await fetch(`${product.apiUrl}/api/v1/services?sort=rating&care_type=home_care&per_page=50`);
          const hit = ((await res.json()) as SearchResponse).items.find((i) => i.id === service.id);
          return hit?.rating.count ?? null;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(countAfter);
  });

  it('lets a resident ask a question that appears once a moderator publishes it', async () => {
    const question = `Do your carers help with shopping? (${TITLE})`;
    await signIn('resident@demo.care-assist.test');
    await page.goto(serviceUrl);
    await page.getByLabel('Ask a question about this service').fill(question);
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/your question will appear/);
    await signOut();

    await signIn('moderator@demo.care-assist.test');
    await page.goto(`${product.webUrl}/moderation?queue=questions`);
    const card = page.locator('li.card', { hasText: question });
    await card.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/question is now published/);
    await signOut();

    await page.goto(serviceUrl);
    expect(await page.locator('#questions-title ~ ul').innerText()).toContain(question);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('#questions-title').scrollIntoViewIfNeeded();
    await screenshot(page, 'reviews-06-questions');
  });

  it("shows the moderator's publishing in the admin's audit log, with filters", async () => {
    await signIn('admin@demo.care-assist.test');
    await page.goto(`${product.webUrl}/moderation`);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(/\/moderation\/audit/);
    await page.getByLabel('Target type').fill('review');
    await page.getByLabel('Action', { exact: true }).fill('publish');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/action=publish/);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const row of await rows.all()) expect(await row.innerText()).toMatch(/publish\s+review/);
    expect(await rows.first().innerText()).toContain('Tom Bradley');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'reviews-07-audit-log');

    // Choosing a name shows only that person's actions; a mistyped id is explained, not a crash.
    await rows
      .first()
      .getByRole('link', { name: /Tom Bradley/ })
      .click();
    await page.waitForURL(/actorId=/);
    for (const row of await page.locator('tbody tr').all()) expect(await row.innerText()).toContain('Tom Bradley');
    await page.goto(`${product.webUrl}/moderation/audit?actorId=not-an-id`);
    expect(await page.getByRole('alert').innerText()).toContain('Enter an actor id');
    expect(await accessibilityViolations(page)).toEqual([]);
    await signOut();
  });
});
