// Council insight in Debian Chromium against the product `npm start` runs: the demo admin sees each view with a
// chart drawn on the server, a summary, tables and CSV downloads; filters live in the URL; the page works
// without JavaScript and passes axe at desktop and phone widths; a resident is refused.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSIGHT_VIEWS } from '@care-assist/domain';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
const contexts: BrowserContext[] = [];
const PASSWORD = 'CareAssist-demo-2026';

async function signIn(email: string, options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    javaScriptEnabled: options.javaScript ?? true,
  });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${product.webUrl}/login`);
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 90_000 });
  return page;
}

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  expect(await product?.stop()).toBe(0);
});

describe('council insight', () => {
  it('shows every view to the demo admin with a server-drawn chart, a summary, a table and freshness', async () => {
    const admin = await signIn('admin@demo.care-assist.test');
    for (const view of INSIGHT_VIEWS) {
      // The summaries are rebuilt when the API starts; wait for the first rebuild on a fresh product.
      await expect
        .poll(
          async () => {
            await admin.goto(`${product.webUrl}/council/insight?view=${view}`);
            return admin.locator('.insight-freshness').innerText();
          },
          { timeout: 60_000, interval: 2_000 },
        )
        .toContain('Figures as of');
      expect(await admin.locator('figure.insight-chart').count()).toBeGreaterThan(0);
      // Brokerage in the demo is small: its cells may all be "fewer than 5", and then there is nothing to draw.
      if (view !== 'brokerage') expect(await admin.locator('.insight-chart svg').count()).toBeGreaterThan(0);
      expect(await admin.locator('table.table tbody tr').count()).toBeGreaterThan(0);
      expect(await admin.locator('#insight-summary ~ p').first().innerText()).not.toBe('');
      await screenshot(admin, `insight-${view}-1280`);
      expect(await accessibilityViolations(admin)).toEqual([]);
    }
  }, 400_000);

  it('at 375 px every view fits the phone: chart, summary and a table that scrolls in its own region', async () => {
    const phone = await signIn('admin@demo.care-assist.test', { width: 375 });
    for (const view of INSIGHT_VIEWS) {
      await phone.goto(`${product.webUrl}/council/insight?view=${view}`);
      await expect
        .poll(() => phone.locator('.insight-freshness').innerText(), { timeout: 60_000 })
        .toContain('Figures as of');
      // Nothing wider than the window: wide tables scroll inside their own labelled region instead.
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      // Every table has a caption and column headers, so a screen reader can read it as a table.
      for (const table of await phone.locator('table.table').all()) {
        expect(await table.locator('caption').innerText()).not.toBe('');
        expect(await table.locator('thead th[scope="col"]').count()).toBeGreaterThan(1);
      }
      await screenshot(phone, `insight-${view}-375`);
      expect(await accessibilityViolations(phone)).toEqual([]);
    }
  }, 400_000);

  it('outcomes: each provider against the area, with small numbers shown as "fewer than 5"', async () => {
    const admin = await signIn('admin@demo.care-assist.test');
    await admin.goto(`${product.webUrl}/council/insight?view=outcomes`);
    const providers = admin.locator('table.table', { has: admin.locator('caption', { hasText: 'by provider' }) });
    await expect.poll(() => providers.locator('tbody tr').count(), { timeout: 60_000 }).toBeGreaterThan(3);
    const text = await providers.innerText();
    expect(text).toMatch(/Above the upper quartile|Below the lower quartile|Between the/);
    expect(text).toContain('fewer than 5');
    expect(await admin.locator('.insight-chart svg').count()).toBeGreaterThan(0);
  });

  it('the "highly rated" badge names what it is for and links to the published rule', async () => {
    const admin = await signIn('admin@demo.care-assist.test');
    // Search lists services with their badges; find one and follow it to the rule.
    await admin.goto(`${product.webUrl}/search?where=Chelmsford&sort=rating`);
    const badge = admin.locator('a.highly-rated').first();
    await expect.poll(() => badge.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await badge.innerText()).toMatch(/Highly rated \d{4}: .+ in .+/);
    // The link's name says where it goes, not only the star.
    expect(await badge.evaluate((a) => a.textContent)).toContain('How services are chosen');
    await screenshot(admin, 'insight-highly-rated-badge-1280');
    await badge.click();
    await admin.waitForURL(/\/help\/highly-rated$/);
    expect(await admin.locator('h1').innerText()).toMatch(/highly rated/i);
    expect(await accessibilityViolations(admin)).toEqual([]);
  });

  it('keeps filters in the URL and downloads a table as CSV', async () => {
    const admin = await signIn('admin@demo.care-assist.test');
    await admin.goto(`${product.webUrl}/council/insight?view=demand`);
    await admin.getByRole('combobox', { name: 'Care type' }).selectOption('supported_living');
    await admin.getByRole('button', { name: 'Show' }).click();
    await admin.waitForURL(/care_type=supported_living/);
    expect(admin.url()).toContain('view=demand');
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin
        .getByRole('link', { name: /Download .* as CSV/ })
        .first()
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^care-assist-demand-areas-.*\.csv$/);
    await admin.goto(`${product.webUrl}/council/insight?view=market&from=2026-10-01&to=2026-01-01`);
    await expect.poll(() => admin.locator('.error-message').first().innerText()).toContain('start date');
  });

  it('works without JavaScript and at 320 px, with no axe violations', async () => {
    const phone = await signIn('admin@demo.care-assist.test', { width: 320 });
    await phone.goto(`${product.webUrl}/council/insight?view=performance&by=provider`);
    await screenshot(phone, 'insight-performance-320');
    expect(await accessibilityViolations(phone)).toEqual([]);
    const noScript = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
      storageState: await contexts[0]!.storageState(),
    });
    contexts.push(noScript);
    const page = await noScript.newPage();
    await page.goto(`${product.webUrl}/council/insight?view=prices`);
    expect(await page.locator('.insight-chart svg').count()).toBeGreaterThan(0);
  });

  it('shows the demo provider its own insight, free', async () => {
    const provider = await signIn('provider@demo.care-assist.test');
    await provider.goto(`${product.webUrl}/provider/insight`);
    await expect
      .poll(() => provider.locator('h2').first().innerText())
      .toContain('Insight for Chelmer Care Partnership');
    expect(await provider.locator('table.table tbody tr').count()).toBeGreaterThan(0);
    await screenshot(provider, 'insight-provider-1280');
    expect(await accessibilityViolations(provider)).toEqual([]);
    const forbidden = await provider.goto(`${product.webUrl}/council/insight`);
    expect(forbidden?.status()).toBe(403);
  });

  it('is refused to a resident', async () => {
    const resident = await signIn('resident@demo.care-assist.test');
    const response = await resident.goto(`${product.webUrl}/council/insight`);
    expect(response?.status()).toBe(403);
  });
});
