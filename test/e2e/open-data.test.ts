// Open data in a real browser against the built product with its demo data: the /open-data page (axe, phone and
// desktop widths, no JavaScript needed), a CSV download that a spreadsheet can open, and Open Referral UK through
// the web app's own origin, validated against the profile's schemas.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_DATA_DICTIONARY } from '@care-assist/domain';
import { expectValid, orukSchemas } from '../../apps/api/test/helpers/oruk-schemas.ts';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

async function openPage(width: number, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    javaScriptEnabled,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto(`${product.webUrl}/open-data`);
  return page;
}

describe('the open data page', () => {
  it(
    'explains the files, passes axe, and downloads a CSV that opens in a spreadsheet',
    { timeout: 360_000 },
    async () => {
      const page = await openPage(1280);
      await expect.poll(() => page.locator('h1').innerText()).toBe('Open data');
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'open-data-01-desktop');

      // The page's row count for the directory is the number of rows in the file.
      const rowsText = await page.locator('#dataset-directory ~ p.hint').innerText();
      const expectedRows = Number(/([\d,]+) rows/.exec(rowsText)?.[1]?.replace(/,/g, ''));
      expect(expectedRows).toBeGreaterThan(100);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /Download directory of care services as CSV/ }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('care-assist-directory.csv');
      const text = await readFile(await download.path(), 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const rows = parse<Record<string, string>>(text, { columns: true, bom: true });
      expect(rows).toHaveLength(expectedRows);
      expect(Object.keys(rows[0]!)).toEqual(OPEN_DATA_DICTIONARY.directory.columns.map((c) => c.name));
      // Every column in the dictionary is explained on the page.
      for (const column of OPEN_DATA_DICTIONARY['service-ratings'].columns) {
        await expect.poll(() => page.locator('#dictionary-service-ratings ~ dl').innerText()).toContain(column.name);
      }
      await page.context().close();
    },
  );

  it('reads well on a phone, and works without JavaScript', { timeout: 360_000 }, async () => {
    for (const width of [375, 320]) {
      const page = await openPage(width);
      expect(await page.locator('h1').innerText()).toBe('Open data');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, `open-data-02-${width}px`);
      await page.context().close();
    }
    // Server-rendered: without JavaScript the page and its download links are all there (axe needs scripts, so
    // it runs above, with them).
    const noScript = await openPage(375, false);
    expect(await noScript.locator('h1').innerText()).toBe('Open data');
    expect(await noScript.getByRole('link', { name: /as CSV/ }).count()).toBe(3);
    await noScript.context().close();
  });

  it('suppresses small numbers in the ratings download', async () => {
    const response = await fetch(`${product.webUrl}/open-data/service-ratings.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const rows = parse<Record<string, string>>(await response.text(), { columns: true, bom: true });
    const counts = rows.map((r) => r.review_count);
    expect(counts).toContain('fewer than 5');
    // Every shown count is 5 or more.
    for (const count of counts.filter((c) => /^\d+$/.test(c!))) expect(Number(count)).toBeGreaterThanOrEqual(5);
    const again = await fetch(`${product.webUrl}/open-data/service-ratings.csv`, {
      headers: { 'if-none-match': response.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });
});

describe('Open Referral UK at the public origin', () => {
  it('answers /openreferral/services by postcode and proximity, valid against the profile', async () => {
    const response = await fetch(`${product.webUrl}/openreferral/services?postcode=CM1%201AA&proximity=10000`);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeTruthy();
    const page = (await response.json()) as { total_items: number };
    expectValid(orukSchemas.servicePage, page);
    expect(page.total_items).toBeGreaterThan(0);
    const atLocations = await fetch(
      `${product.webUrl}/openreferral/service_at_locations?postcode=CM1%201AA&proximity=10000`,
    );
    expectValid(orukSchemas.serviceAtLocationPage, await atLocations.json());
    const root = await fetch(`${product.webUrl}/openreferral/`);
    expectValid(orukSchemas.meta, await root.json());
    const bad = await fetch(`${product.webUrl}/openreferral/services?per_page=1000`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
