// A budget holder asks a provider for a quote, the provider quotes, and the holder accepts it from their
// personal budget and sees the money set aside: in Debian Chromium against the product `npm start` runs.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
const contexts: BrowserContext[] = [];
let holder: Page;
let provider: Page;
let bookingUrl = '';

const PASSWORD = 'CareAssist-demo-2026';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const pounds = (text: string) => Number(text.replace(/[£,]/g, ''));

async function signIn(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${product.webUrl}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Generous: right after start-up, on a busy machine, argon2 and the first server render can be slow.
  await page
    .waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 90_000 })
    .catch(async () => {
      throw new Error(`sign-in as ${email} did not finish: ${(await page.locator('main').innerText()).slice(0, 300)}`);
    });
  return page;
}

async function available(page: Page): Promise<number> {
  await page.goto(`${product.webUrl}/budget`);
  return pounds(await page.locator('[data-figure="available"]').innerText());
}

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  holder = await signIn('budget.holder@demo.care-assist.test');
  provider = await signIn('provider@demo.care-assist.test');
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  expect(await product?.stop()).toBe(0);
});

describe('a budget holder arranging care from their personal budget', () => {
  let availableBefore = 0;

  it('shows the budget with its history and a statement to download', async () => {
    availableBefore = await available(holder);
    expect(availableBefore).toBeGreaterThan(0);
    const main = await holder.locator('main').innerText();
    expect(main).toMatch(/Allocation/);
    expect(main).toMatch(/Payment/);
    expect(await holder.locator('main table tbody tr').count()).toBeGreaterThanOrEqual(4);
    expect(await accessibilityViolations(holder)).toEqual([]);
    await screenshot(holder, 'budgets-01-budget-before');

    const [download] = await Promise.all([
      holder.waitForEvent('download'),
      holder.getByRole('button', { name: 'Download statement (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^budget-ECC-PB-2026-0417-.*\.csv$/);
  });

  it('requests a quote from the demo provider', async () => {
    await holder.goto(`${product.webUrl}/bookings`);
    await holder.locator('main table a').first().click();
    await holder.getByRole('link', { name: /^About / }).click();
    await holder.waitForURL(/\/services\//);
    await holder.getByRole('link', { name: 'Request a quote' }).click();
    await holder.waitForURL(/\/request-quote$/);
    expect(await accessibilityViolations(holder)).toEqual([]);
    await holder.getByLabel('Hours of care a week (optional)').fill('5');
    await holder.getByLabel('When should care start?').fill(inDays(14));
    await holder.getByLabel('For how many weeks?').fill('4');
    await holder.getByLabel('What help is needed? (optional)').fill('Help with shopping and a hot lunch, e2e test.');
    await screenshot(holder, 'budgets-02-request-quote');
    await holder.getByRole('button', { name: 'Send request' }).click();
    await holder.waitForURL(/\/bookings\/[0-9a-f-]{36}$/);
    bookingUrl = holder.url();
    expect(await holder.getByTestId('booking-status').innerText()).toBe('Waiting for a quote');
  });

  it('the provider sees the request in their inbox and quotes £150 a week', async () => {
    await provider.goto(`${product.webUrl}/provider/requests`);
    expect(await accessibilityViolations(provider)).toEqual([]);
    await screenshot(provider, 'budgets-03-provider-inbox');
    const request = provider.locator('li.request', { hasText: 'e2e test' });
    await request.getByRole('link', { name: /Quote or decline/ }).click();
    await provider.waitForURL(bookingUrl);
    await provider.getByLabel('Weekly price (£)').fill('150.00');
    await provider.getByLabel('Terms').fill('Two weeks notice either way.');
    await provider.getByRole('button', { name: 'Send quote' }).click();
    await expect.poll(() => provider.getByTestId('booking-status').innerText()).toBe('Quoted');
    await screenshot(provider, 'budgets-04-quoted');
  });

  it('the holder is notified, accepts from the budget, and sees available go down by the cost', async () => {
    await holder.goto(`${product.webUrl}/`);
    expect(await holder.getByRole('link', { name: /Notifications\s*\d+\s*unread/ }).count()).toBe(1);
    await holder.goto(bookingUrl);
    expect(await holder.getByTestId('quote').innerText()).toMatch(/£150\.00 a week/);
    expect(await holder.locator('main').innerText()).toMatch(/£600\.00 will be set aside/);
    expect(await accessibilityViolations(holder)).toEqual([]);
    await screenshot(holder, 'budgets-05-accept');
    await holder.getByLabel(/From my personal budget/).check();
    await holder.getByRole('button', { name: 'Accept quote' }).click();
    await expect.poll(() => holder.getByTestId('booking-status').innerText()).toBe('Accepted');

    const availableAfter = await available(holder);
    expect(Math.round((availableBefore - availableAfter) * 100)).toBe(60_000);
    expect(await holder.locator('main').innerText()).toMatch(/Set aside for a booking/);
    await screenshot(holder, 'budgets-06-budget-after');
  });
});
