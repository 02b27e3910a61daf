// A resident finds home care near CM1 in a real browser, opens a service, registers, signs out and
// signs in again, against the real built product started with `npm start`'s launcher.
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  // axe needs a page that belongs to an explicit context.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

// When a step fails, keep what the browser showed and what the product logged, to see why.
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  await screenshot(page, `failed-${task.name.replace(/\W+/g, '-')}`);
  console.error(product.output().split('\n').slice(-40).join('\n'));
});

afterAll(async () => {
  await browser?.close();
  const code = await product?.stop();
  // Ctrl-C stops everything cleanly.
  expect(code).toBe(0);
});

/** "1.2 miles away" / "less than 0.1 miles away" on each result card, in page order. */
async function distancesInMiles(): Promise<number[]> {
  const texts = await page.locator('main article, main li.result, main [data-result]').allInnerTexts();
  return texts.map((text) => {
    if (/less than 0\.1 miles/.test(text)) return 0;
    const match = /([\d.]+) miles? away/.exec(text);
    if (!match) throw new Error(`no distance in result: ${text.slice(0, 120)}`);
    return Number(match[1]);
  });
}

describe('a resident looking for home care', () => {
  const email = `e2e-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'a-strong-password-2026';

  it('searches for home care near CM1 and sees the nearest first', async () => {
    await page.goto(product.webUrl);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '01-home');

    await page.getByLabel('What care do you need?').selectOption('home_care');
    await page.getByLabel('Where?').fill('CM1');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?/);

    await expect.poll(() => page.locator('h1').innerText()).toMatch(/^\d+ home care services? near CM1$/i);
    const distances = await distancesInMiles();
    expect(distances.length).toBeGreaterThanOrEqual(10);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(await page.locator('main').innerText()).toMatch(/Home care/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '02-results-home-care-near-cm1');
  });

  it('opens a service page from the results', async () => {
    const firstResult = page.locator('main h2 a, main h3 a').first();
    const name = (await firstResult.innerText()).trim();
    await firstResult.click();
    await page.waitForURL(/\/services\//);
    expect((await page.locator('h1').innerText()).trim()).toBe(name);
    const body = await page.locator('main').innerText();
    expect(body).toMatch(/£\d+\.\d{2}/);
    expect(body).toMatch(/CQC|Care Quality Commission/);
    expect(body).toMatch(/No reviews yet|out of 5 from/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '03-service-page');
  });

  it('registers, signs out and signs back in', async () => {
    await page.goto(`${product.webUrl}/register`);
    await page.getByLabel('Your name').fill('Sam Resident');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('I am looking for care').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    // A resident lands where their work is (the home page's search), signed in; the account page shows who they are.
    await page.waitForURL((url) => !url.pathname.startsWith('/register'));
    await page.goto(`${product.webUrl}/account`);
    expect(await page.locator('main').innerText()).toContain('Sam Resident');
    await screenshot(page, '04-registered-account');

    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Sign in' }).count()).toBeGreaterThan(0);
    await page.goto(`${product.webUrl}/account`);
    await page.waitForURL(/\/login/);
    await screenshot(page, '05-signed-out');

    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('wrong-password-here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.locator('main').innerText()).toMatch(/Email or password is not right/);
    await screenshot(page, '06-wrong-password');

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${product.webUrl}/account`);
    expect(await page.locator('main').innerText()).toContain(email);
    await screenshot(page, '07-signed-in-again');
  });

  it('keeps working without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(`${product.webUrl}/search?care_type=home_care&where=CM1`);
    expect(await noJs.locator('h1').innerText()).toMatch(/near CM1/i);
    await noJs.locator('main h2 a, main h3 a').first().click();
    await noJs.waitForURL(/\/services\//);
    expect(await noJs.locator('h1').count()).toBe(1);
    await context.close();
  });

  it('shows a clear error for a postcode that does not exist', async () => {
    const response = await page.goto(`${product.webUrl}/search?where=ZZ99%209ZZ`);
    expect(response?.status()).toBe(400);
    expect(await page.locator('main').innerText()).toMatch(/could not find|real UK postcode/i);
    await screenshot(page, '08-unknown-postcode');
  });
});
