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
    await page.getByLabel('What was acted on').selectOption('review');
    await page.getByLabel('What was done').selectOption('publish');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/action=publish/);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    // Names and words, not ids (issue 14 item 6).
    for (const row of await rows.all()) {
      const text = await row.innerText();
      expect(text).toMatch(/Published\s+Review “.+” of .+ by /);
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/);
    }
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
    expect(await page.getByRole('alert').innerText()).toContain('does not name anyone in the log');
    expect(await accessibilityViolations(page)).toEqual([]);
    await signOut();
  });
});

/** The page at 320 px (axe, no sideways scroll) and a 375 px screenshot, then back to 1280 px. */
async function atPhoneWidth(name: string) {
  const scrollPosition = await page.evaluate(() => window.scrollY);
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await accessibilityViolations(page), `${name} at 320 px`).toEqual([]);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    `${name}: sideways scroll at 320 px`,
  ).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.evaluate((y) => window.scrollTo(0, y), scrollPosition);
  await screenshot(page, `${name}-375`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe("the council moderator's safeguarding journey (issue 14 item 6)", () => {
  const HARM_TITLE = `Left in pain overnight ${Date.now().toString(36)}`;
  const HARM_BODY = 'My father was left in pain all night and I think he is being neglected by the night staff.';
  let harmServiceUrl = '';

  it('shows the writer of a review that mentions harm who to call, on the confirmation', async () => {
    const res = await fetch(`${product.apiUrl}/api/v1/services?care_type=home_care&postcode=CO1&per_page=10`);
    const other = ((await res.json()) as SearchResponse).items[0];
    harmServiceUrl = `${product.webUrl}/services/${other!.slug}`;
    await signIn('budget.holder@demo.care-assist.test');
    await page.goto(`${harmServiceUrl}/review`);
    await page.getByLabel('Family member').check();
    await page.getByLabel('Overall, how would you rate the care?').selectOption('1');
    for (const label of ['Quality of care', 'Dignity and respect', 'Staff', 'Reliability and punctuality']) {
      await page.getByLabel(label, { exact: true }).selectOption('1');
    }
    await page.getByLabel('Give your review a title').fill(HARM_TITLE);
    await page.getByLabel('Your review', { exact: true }).fill(HARM_BODY);
    await page.getByLabel(/my own honest experience/).check();
    await page.getByRole('button', { name: 'Send for moderation' }).click();
    await page.waitForURL(/\/account\/reviews\?submitted=1&concern=1/);
    const signpost = page.getByRole('region', { name: 'If someone is being hurt or neglected' });
    expect(await signpost.innerText()).toMatch(/call 999/);
    expect(await signpost.innerText()).toContain('0345 603 7630');
    expect(await signpost.getByRole('link', { name: '999' }).getAttribute('href')).toBe('tel:999');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'moderation-01-signpost');
    await atPhoneWidth('moderation-01-signpost');
    await signOut();
  });

  it('makes Escalate the main action, records who escalated to whom, and shows errors beside the review', async () => {
    await signIn('moderator@demo.care-assist.test');
    await page.goto(`${product.webUrl}/moderation?queue=safeguarding`);
    const card = () => page.locator('li.card', { hasText: HARM_TITLE });
    expect(
      await card()
        .getByRole('link', { name: /Reporting concerns/ })
        .getAttribute('href'),
    ).toMatch(/^https:/);
    const escalate = card().getByRole('button', { name: /^Escalate/ });
    const publish = card().getByRole('button', { name: /^Publish/ });
    expect(await escalate.getAttribute('class')).not.toContain('button--secondary');
    expect(await publish.getAttribute('class')).toContain('button--secondary');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Rejecting without a reason: the error is beside this review, not at the top of the page.
    await card().getByRole('button', { name: 'Reject' }).click();
    await page.waitForURL(/#review-/);
    expect(await card().getByRole('alert').innerText()).toContain('Choose a reason to give the author');
    expect(await page.locator('main').getByText('Choose a reason to give the author').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'moderation-02-error-beside-review');

    await card().getByLabel('Pass the concern to').selectOption({ label: 'Essex Police' });
    await card()
      .getByLabel(/What you passed on/)
      .fill('Reported on 101, reference 42/2026');
    await escalate.click();
    await expect.poll(async () => card().innerText()).toMatch(/Escalated to Essex Police by Tom Bradley/);

    await card()
      .getByLabel(/^Write to /)
      .fill('Thank you for telling us. Is your father safe tonight? We have passed this to the police.');
    await card().getByRole('button', { name: 'Send to the writer' }).click();
    await expect.poll(async () => card().getByRole('status').innerText()).toMatch(/^Your message was sent to /);
    await screenshot(page, 'moderation-03-escalated');
    await atPhoneWidth('moderation-03-escalated');

    await card().getByLabel('Reason (for reject or changes)').selectOption('safeguarding');
    await card().getByLabel('Note to the author (optional)').fill('You can send it again without the details.');
    await card().getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/is now rejected/);
    await signOut();

    // The audit log says it in words.
    await signIn('admin@demo.care-assist.test');
    await page.goto(`${product.webUrl}/moderation/audit?action=escalate`);
    expect(await page.locator('tbody tr').first().innerText()).toMatch(
      new RegExp(`Tom Bradley[\\s\\S]*?\\sEscalated to Essex Police\\s+Review “${HARM_TITLE}” of .+ by `),
    );
    await signOut();
  });

  it('tells the rejected writer why and lets them edit and send it again', async () => {
    await signIn('budget.holder@demo.care-assist.test');
    await page.goto(`${product.webUrl}/notifications`);
    const notices = await page.locator('main').innerText();
    expect(notices).toContain('Is your father safe tonight?');
    expect(notices).toContain('It raised a safeguarding concern that we are handling separately');
    await page.goto(`${product.webUrl}/account/reviews`);
    const mine = page.locator('li.card', { hasText: HARM_TITLE });
    expect(await mine.innerText()).toContain('Not published');
    await mine.getByRole('link', { name: /Edit and send again/ }).click();
    await page.waitForURL(/\/review\?edit=/);
    expect(await page.getByLabel('Give your review a title').inputValue()).toBe(HARM_TITLE);
    expect(await page.locator('main').innerText()).toContain('You can send it again without the details.');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'moderation-04-edit-rejected');
    await atPhoneWidth('moderation-04-edit-rejected');
    await page
      .getByLabel('Your review', { exact: true })
      .fill('The night visits were often late and rushed, and calls went unanswered.');
    await page.getByLabel(/my own honest experience/).check();
    await page.getByRole('button', { name: 'Send for moderation' }).click();
    await page.waitForURL(/\/account\/reviews\?submitted=1$/);
    expect(await page.locator('li.card', { hasText: HARM_TITLE }).innerText()).toContain('Waiting for moderation');
    await signOut();
  });
});
