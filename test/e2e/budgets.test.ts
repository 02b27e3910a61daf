// A budget holder asks a provider for a quote, the provider quotes, and the holder accepts it from their
// personal budget and sees the money set aside; council staff open a budget for a resident, adjust it, and
// resolve a disputed invoice: in Debian Chromium against the product `npm start` runs.
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
  // Let the page hydrate first: on a busy machine hydration can land after the fill and empty the fields.
  await page.waitForLoadState('networkidle');
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
    // The page offers it twice: at the top (the main action) and beside the contact details.
    await holder.getByRole('link', { name: 'Request a quote' }).first().click();
    await holder.waitForURL(/\/request-quote$/);
    expect(await accessibilityViolations(holder)).toEqual([]);
    await holder.getByLabel('Hours of care a week (optional)').fill('5');
    await holder.getByLabel('When should care start?').fill(inDays(14));
    await holder.getByLabel('For how many weeks?').fill('4');
    await holder.getByLabel('What help is needed? (optional)').fill('Help with shopping and a hot lunch, e2e test.');
    await screenshot(holder, 'budgets-02-request-quote');
    await holder.getByRole('button', { name: 'Send request' }).click();
    // The booking page, saying the request was sent (?sent=1).
    await holder.waitForURL(/\/bookings\/[0-9a-f-]{36}\?sent=1$/);
    expect(await holder.locator('main').innerText()).toMatch(/Your request has been sent/);
    bookingUrl = holder.url().replace(/\?.*$/, '');
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

describe('council staff opening and adjusting a personal budget', () => {
  let admin: Page;
  let budgetUrl = '';
  const reference = `ECC-PB-E2E-${Date.now().toString(36).toUpperCase()}`;

  it('refuses a bad amount and an unknown resident, with the form kept and nothing opened', async () => {
    admin = await signIn('admin@demo.care-assist.test');
    await admin.getByRole('link', { name: 'Budgets', exact: true }).click();
    await admin.waitForURL(/\/council\/budgets$/);
    expect(await admin.locator('main table').innerText()).toMatch(/ECC-PB-2026-0417/);
    const rowsBefore = await admin.locator('main table tbody tr').count();

    await admin.getByLabel("Resident's email address").fill('resident@demo.care-assist.test');
    await admin.getByLabel('Council reference').fill(reference);
    await admin.getByLabel('Starts on').fill('2026-04-01');
    await admin.getByLabel('Ends on').fill('2027-03-31');
    await admin.getByLabel('Amount allocated (£)').fill('12,000.005');
    await admin.getByRole('button', { name: 'Open budget' }).click();
    await admin.getByRole('alert').waitFor();
    expect(await admin.getByRole('alert').innerText()).toMatch(/Enter the amount allocated in pounds/);
    expect(await admin.getByLabel('Council reference').inputValue()).toBe(reference);

    await admin.getByLabel("Resident's email address").fill('nobody@demo.care-assist.test');
    await admin.getByLabel('Amount allocated (£)').fill('12000');
    await admin.getByRole('button', { name: 'Open budget' }).click();
    await expect.poll(() => admin.getByRole('alert').innerText()).toMatch(/There is no resident with that email/);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'budgets-07-council-open-errors');
    await admin.goto(`${product.webUrl}/council/budgets`);
    expect(await admin.locator('main table tbody tr').count()).toBe(rowsBefore);
  });

  it('opens a budget of £12,000 for the demo resident', async () => {
    await admin.getByLabel("Resident's email address").fill('resident@demo.care-assist.test');
    await admin.getByLabel('Council reference').fill(reference);
    await admin.getByLabel('Starts on').fill('2026-04-01');
    await admin.getByLabel('Ends on').fill('2027-03-31');
    await admin.getByLabel('Amount allocated (£)').fill('£12,000.00');
    await admin.getByRole('button', { name: 'Open budget' }).click();
    await admin.waitForURL(/\/council\/budgets\/[0-9a-f-]{36}\?opened=1$/);
    budgetUrl = admin.url().split('?')[0]!;
    expect(await admin.getByRole('status').innerText()).toMatch(/Budget opened/);
    expect(await admin.locator('h1').innerText()).toMatch(reference);
    expect(await admin.locator('[data-figure="allocated"]').innerText()).toBe('£12,000.00');
    expect(await admin.locator('[data-figure="available"]').innerText()).toBe('£12,000.00');
    expect(await admin.locator('main table').innerText()).toMatch(/Opening allocation/);
  });

  it('adds an adjustment of -£250.50 with a reason, and the figures and ledger show it', async () => {
    await admin.getByLabel(/An adjustment/).check();
    await admin.getByLabel('Amount (£)').fill('-250.50');
    await admin.getByLabel('Reason').fill('Reassessment after hospital discharge');
    await admin.getByRole('button', { name: 'Add to budget' }).click();
    await expect.poll(() => admin.getByRole('status').innerText()).toMatch(/Adjustment of -£250\.50 added/);
    expect(await admin.locator('[data-figure="allocated"]').innerText()).toBe('£11,749.50');
    expect(await admin.locator('[data-figure="adjustments"]').innerText()).toBe('-£250.50');
    expect(await admin.locator('[data-figure="available"]').innerText()).toBe('£11,749.50');
    const lastRow = admin.locator('main table tbody tr').last();
    expect(await lastRow.innerText()).toMatch(
      /Adjustment\s+Reassessment after hospital discharge\s+-£250\.50\s+£11,749\.50/,
    );
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'budgets-08-council-budget-adjusted');

    // Reloading the page renders a fresh form; the adjustment is there once.
    await admin.goto(budgetUrl);
    expect(await admin.locator('main table tbody tr', { hasText: 'Reassessment' }).count()).toBe(1);
  });

  it('the resident sees the budget with the adjustment', async () => {
    const resident = await signIn('resident@demo.care-assist.test');
    expect(await available(resident)).toBe(11_749.5);
    expect(await resident.locator('main').innerText()).toMatch(reference);
    expect(await resident.locator('main').innerText()).toMatch(/Reassessment after hospital discharge/);
  });

  it('the holder disputes an invoice and council staff reject it from the disputes page', async () => {
    await holder.goto(`${product.webUrl}/bookings`);
    await holder.locator('main table tbody tr', { hasText: 'Care under way' }).first().locator('a').first().click();
    await holder.waitForURL(/\/bookings\/[0-9a-f-]{36}$/);
    const submitted = holder.locator('main tr', { hasText: 'Waiting for approval' }).first();
    await submitted.locator('summary', { hasText: 'Dispute' }).click();
    await submitted.getByLabel('What is wrong?').fill('Two visits were missed, e2e test');
    await submitted.getByRole('button', { name: 'Dispute invoice' }).click();
    await expect.poll(() => holder.locator('main').innerText()).toMatch(/Invoice disputed/);

    await admin.getByRole('link', { name: 'Disputes', exact: true }).click();
    await admin.waitForURL(/\/council\/disputes$/);
    const dispute = admin.locator('li.dispute', { hasText: 'Two visits were missed, e2e test' });
    expect(await dispute.count()).toBe(1);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'budgets-09-council-disputes');

    // No decision and no note: the form says what is missing and the invoice stays disputed.
    await dispute.getByRole('button', { name: 'Resolve dispute' }).click();
    await expect.poll(() => admin.getByRole('alert').innerText()).toMatch(/Choose whether to uphold or reject/);
    expect(await admin.locator('li.dispute', { hasText: 'Two visits were missed, e2e test' }).count()).toBe(1);

    const again = admin.locator('li.dispute', { hasText: 'Two visits were missed, e2e test' });
    await again.getByLabel('Reject the invoice').check();
    await again.getByLabel('Note to the resident and provider').fill('Provider to reissue without the missed visits');
    await again.getByRole('button', { name: 'Resolve dispute' }).click();
    await expect.poll(() => admin.getByRole('status').innerText()).toMatch(/Invoice rejected/);
    expect(await admin.locator('li.dispute', { hasText: 'Two visits were missed, e2e test' }).count()).toBe(0);
    await screenshot(admin, 'budgets-10-council-dispute-resolved');

    await holder.reload();
    expect(await holder.locator('main').innerText()).toMatch(/Rejected/);
  });
});
