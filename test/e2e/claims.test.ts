// Issue 14 item 3: a new provider finds the listing the CQC import made (by name, CQC location id and
// postcode), claims it with evidence, follows the claim, and gets the listing once the council approves.
// In Chromium against the built product with the demo data (which has a claim already waiting).
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
const PASSWORD = 'CareAssist-demo-2026';
const SHOTS = '/tmp/shots-h14a';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  product = await startProduct();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  expect(await product?.stop()).toBe(0);
});

async function signedIn(email: string, width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${product.webUrl}/login`);
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return { context, page };
}

const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** axe at 1280 and 320 px (no sideways scroll at 320), then screenshots at 375 and 1280 px to look at. */
async function checkAndShoot(page: Page, name: string) {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await accessibilityViolations(page), `${name} at ${width}`).toEqual([]);
    if (width === 320) expect(await sidewaysScroll(page), `${name} at 320 px`).toBeLessThanOrEqual(0);
  }
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
}

describe('claiming a CQC-imported listing (item 3)', () => {
  it('finds it three ways, claims it with evidence, and gets the listings once the council approves', async () => {
    // The demo claimant's pending claim shows what a claim looks like, and names a CQC-imported listing.
    const demo = await signedIn('new.provider@demo.care-assist.test');
    await demo.page.goto(`${product.webUrl}/provider/claims`);
    const pending = await demo.page.locator('main').innerText();
    expect(pending).toContain('Waiting for the council');
    const firstListing = await demo.page.locator('main li.card ul li').first().innerText();
    const [serviceName, rest] = firstListing.split(/, (?=[^,]+$)/);
    const postcode = /[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/.exec(rest ?? '')![0];
    await checkAndShoot(demo.page, 'claim-04-demo-pending');
    await demo.context.close();

    // A provider who has just signed up.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const email = `claimant.${Date.now()}@example.test`;
    await page.goto(`${product.webUrl}/register`);
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Your name').fill('Jo Registered-Manager');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('a long enough password 2026');
    await page.getByLabel(/I provide care/).check();
    await page.getByRole('button', { name: /create|register/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/register'));

    await page.goto(`${product.webUrl}/provider`);
    await page.getByRole('link', { name: 'claim your listing' }).click();
    await page.waitForURL(/\/provider\/claim$/);
    const find = async (q: string) => {
      await page.getByLabel('Name, CQC location ID or postcode of your service').fill(q);
      await page.getByRole('button', { name: 'Find my service' }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === q);
      return page.locator('main li.card', { hasText: serviceName! });
    };
    const byPostcode = await find(postcode);
    await expect.poll(() => byPostcode.count()).toBe(1);
    const cqcLocationId = /1-\d{9,10}/.exec(await byPostcode.innerText())![0];
    const byId = await find(cqcLocationId);
    expect(await byId.count()).toBe(1);
    const byName = await find(serviceName!);
    expect(await byName.count()).toBe(1);
    await checkAndShoot(page, 'claim-01-search');

    await byName.getByRole('link', { name: /Claim this listing/ }).click();
    await page.waitForURL(/\/provider\/claim\/[0-9a-f-]{36}/);
    expect(await page.locator('h1').innerText()).toBe(`Claim ${serviceName}`);
    const organisation = (await page.locator('dt:has-text("Organisation") + dd').innerText()).split(',')[0]!.trim();
    // Nothing to check: an error beside the field, and nothing is sent.
    await page.getByRole('button', { name: 'Send my claim to the council' }).click();
    await expect
      .poll(() => page.locator('.error-summary').innerText())
      .toContain('Tell the council how they can check');
    await checkAndShoot(page, 'claim-02-evidence-error');
    await page
      .getByLabel('How can the council check that you run it?')
      .fill('I am the registered manager named on the CQC register; call the office to check.');
    await page.getByRole('button', { name: 'Send my claim to the council' }).click();
    await page.waitForURL(/\/provider\/claims\?claimed=/);
    const sent = await page.locator('main').innerText();
    expect(sent).toContain(`Your claim to run ${organisation} has been sent to the council`);
    expect(sent).toContain('Waiting for the council');
    await checkAndShoot(page, 'claim-03-sent');
    // Searching again says it is already claimed by you.
    await page.goto(`${product.webUrl}/provider/claim?q=${encodeURIComponent(cqcLocationId)}`);
    expect(await page.locator('main').innerText()).toContain('You have claimed it');

    // The council approves this claim (not the demo one).
    const council = await signedIn('moderator@demo.care-assist.test');
    await council.page.goto(`${product.webUrl}/council/claims`);
    const card = council.page.locator('li.claim', { hasText: email });
    await card.getByRole('button', { name: /Approve claim/ }).click();
    await expect.poll(() => council.page.locator('main').innerText()).toContain('claim approved');
    await council.context.close();

    // The provider is told, sees the decision and now runs the listings.
    await page.goto(`${product.webUrl}/provider/claims`);
    expect(await page.locator('main').innerText()).toContain('Approved: the listings are yours');
    await page.goto(`${product.webUrl}/notifications`);
    expect(await page.locator('main').innerText()).toContain(`The council approved your claim: ${organisation}`);
    await page.goto(`${product.webUrl}/provider`);
    const portal = await page.locator('main').innerText();
    expect(portal).toContain(organisation);
    expect(portal).toContain(serviceName);
    await context.close();
  }, 300_000);

  it('turns "that CQC provider id is taken" into a way to claim it', async () => {
    const { context, page } = await signedIn('new.provider@demo.care-assist.test');
    await page.goto(`${product.webUrl}/provider/claims`);
    const claimedOrganisation = await page.locator('main h2').first().innerText();
    await page.goto(`${product.webUrl}/provider/claim?q=${encodeURIComponent(claimedOrganisation)}`);
    const cqcProviderId = /CQC provider ID (1-\d{9,10})/.exec(await page.locator('main').innerText())![1]!;
    await page.goto(`${product.webUrl}/provider`);
    await page.getByLabel('Organisation name').fill(claimedOrganisation);
    await page.getByLabel('Sector').selectOption({ index: 1 });
    await page.getByLabel('CQC provider id (optional)').fill(cqcProviderId);
    await page.getByRole('button', { name: 'Register organisation' }).click();
    await page.getByRole('link', { name: 'find it and claim it' }).click();
    await page.waitForURL(/\/provider\/claim\?q=/);
    expect(await page.locator('main').innerText()).toContain(claimedOrganisation);
    await context.close();
  }, 120_000);

  it('offers "Claim it" on the public page of an unclaimed CQC listing, through sign-in and back to the claim', async () => {
    // The new provider already claims one organisation: pick a listing that is still claimable for them.
    const login = await fetch(`${product.apiUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new.provider@demo.care-assist.test', password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    let claimable: { serviceId: string; serviceName: string; claimability: string } | undefined;
    for (const area of ['CM', 'CO', 'SS', 'IP', 'NR', 'CB', 'PE', 'ME', 'CT', 'SG', 'AL', 'TN']) {
      const found = await fetch(`${product.apiUrl}/api/v1/claims/services?q=${area}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const { items } = (await found.json()) as { items: NonNullable<typeof claimable>[] };
      claimable = items.find((c) => c.claimability === 'claimable');
      if (claimable) break;
    }
    expect(claimable).toBeDefined();
    const detail = (await (await fetch(`${product.apiUrl}/api/v1/services/${claimable!.serviceId}`)).json()) as {
      slug: string;
      organisation: { claimable: boolean };
    };
    expect(detail.organisation.claimable).toBe(true);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${product.webUrl}/services/${detail.slug}`);
    await page.getByRole('link', { name: /^Claim it/ }).scrollIntoViewIfNeeded();
    await checkAndShoot(page, 'claim-05-service-page-link');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: /^Claim it/ }).click();
    await page.waitForURL(/\/login\?redirectTo=/);
    await page.getByLabel('Email address').fill('new.provider@demo.care-assist.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new RegExp(`/provider/claim/${claimable!.serviceId}`));
    expect(await page.locator('h1').innerText()).toBe(`Claim ${claimable!.serviceName}`);

    // A listing somebody runs has no such link.
    const managedSlug = (await (await fetch(`${product.apiUrl}/api/v1/services?postcode=CM1&per_page=50`)).json()) as {
      items: { slug: string }[];
    };
    for (const { slug } of managedSlug.items) {
      const d = (await (await fetch(`${product.apiUrl}/api/v1/services/${slug}`)).json()) as ServiceLike;
      if (d.organisation.claimable) continue;
      await page.goto(`${product.webUrl}/services/${slug}`);
      expect(await page.getByRole('link', { name: /^Claim it/ }).count()).toBe(0);
      break;
    }
    await context.close();
  }, 180_000);
});

interface ServiceLike {
  organisation: { claimable: boolean };
}
