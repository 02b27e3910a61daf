// Search and discovery in a real browser against the built product: filters with facet counts that end up
// in the address, paging and the back button, comparing services side by side with a weekly estimate, and
// the weekly cost on a service page, and the map of results (with JavaScript only; this machine is offline, so
// the map has no tiles and must still show its markers).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

const resultCount = async () => Number(/^([\d,]+)/.exec(await page.locator('h1').innerText())?.[1]?.replace(/,/g, ''));

describe('finding care with filters', () => {
  it('narrows results with filters whose counts are shown, and keeps the whole search in the address', async () => {
    await page.goto(`${product.webUrl}/search?care_type=home_care&where=CM1&radius=25`);
    const before = await resultCount();
    expect(before).toBeGreaterThan(10);

    // The funding options say how many of these results accept each kind of funding.
    const councilOption = await page.locator('#funding option[value="council_funded"]').innerText();
    const expected = Number(/\((\d+)\)/.exec(councilOption)?.[1]);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(before);

    await page.getByLabel('How you will pay').selectOption('council_funded');
    await page.getByRole('button', { name: 'Update results' }).click();
    await page.waitForURL(/funding=council_funded/);
    await expect.poll(resultCount).toBe(expected);
    expect(page.url()).toMatch(/care_type=home_care/);
    expect(page.url()).toMatch(/where=CM1/);

    await page.getByLabel('Accepting new clients').check();
    await page.getByLabel('Sort by').selectOption('price');
    await page.getByRole('button', { name: 'Update results' }).click();
    await page.waitForURL(/vacancies=1/);
    expect(page.url()).toMatch(/sort=price/);
    await expect.poll(() => page.locator('#results p').first().innerText()).toMatch(/Sorted by lowest price/);
    const cards = await page.locator('main article').allInnerTexts();
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.every((text) => /Accepting new clients/i.test(text))).toBe(true);
    const prices = cards.map((text) => Number(/£([\d,.]+) per hour/.exec(text)?.[1]?.replace(/,/g, '')));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'search-01-filtered');

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => !url.search.includes('funding='));
    await expect.poll(resultCount).toBe(before);

    // A price that is not an amount of money is explained in pounds, and nothing is searched.
    const response = await page.goto(`${product.webUrl}/search?where=CM1&price_min=lots`);
    expect(response?.status()).toBe(400);
    expect(await page.locator('main').innerText()).toContain('Enter a lowest price in pounds, like 25 or 25.50');
  });

  it('pages through results, and the back button returns to the previous page', async () => {
    await page.goto(`${product.webUrl}/search?where=CM1&radius=25`);
    const firstPage = await page.locator('main article h3').allInnerTexts();
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/page=2/);
    await expect.poll(async () => (await page.locator('main article h3').allInnerTexts())[0]).not.toBe(firstPage[0]);
    const secondPage = await page.locator('main article h3').allInnerTexts();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
    await screenshot(page, 'search-02-page-2');
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('page=2'));
    // With JavaScript the router swaps the page in after the address changes, so wait for the content.
    await expect.poll(() => page.locator('main article h3').allInnerTexts()).toEqual(firstPage);
  });

  it('compares ticked services side by side, with a weekly estimate for the same hours', async () => {
    await page.goto(`${product.webUrl}/search?care_type=home_care&where=CM1`);
    const names = (await page.locator('main article h3').allInnerTexts()).slice(0, 3);
    for (const name of names) await page.getByRole('checkbox', { name: `Compare ${name}` }).check();
    await page.getByRole('button', { name: 'Compare ticked services' }).click();
    await page.waitForURL(/\/compare\?/);
    expect(await page.locator('table.compare thead th').allInnerTexts()).toHaveLength(3);
    for (const name of names) expect(await page.locator('table.compare thead').innerText()).toContain(name);

    await page.getByLabel('Hours a week').fill('10');
    await page.getByRole('button', { name: 'Work out weekly costs' }).click();
    await page.waitForURL(/hours=10/);
    const estimates = await page.locator('tr', { hasText: 'Estimated cost a week' }).locator('td').allInnerTexts();
    expect(estimates).toHaveLength(3);
    expect(estimates.every((text) => /^£[\d,]+\.\d\d/.test(text) && /10 hours ×/.test(text))).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'search-03-compare');
  });

  it('works out a weekly cost on a service page without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const noJs = await context.newPage();
    await noJs.goto(`${product.webUrl}/search?care_type=home_care&where=CM1`);
    await noJs.locator('main article h3 a').first().click();
    await noJs.waitForURL(/\/services\//);
    await noJs.getByLabel('Hours of care a week').fill('12');
    await noJs.getByRole('button', { name: 'Work out the cost' }).click();
    await noJs.waitForURL(/hours=12/);
    const hourly = Number(/£([\d.]+)/.exec(await noJs.locator('table').innerText())?.[1]);
    const result = await noJs.locator('.weekly-cost__result').innerText();
    expect(result).toContain(`£${(hourly * 12).toLocaleString('en-GB', { minimumFractionDigits: 2 })} a week`);
    await screenshot(noJs, 'search-04-weekly-cost');
    await context.close();
  });

  it('keeps a shortlist before signing in, and carries it into the account on sign-in', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const visitor = await context.newPage();
    await visitor.goto(`${product.webUrl}/search?care_type=care_home&where=CM1`);
    const name = await visitor.locator('main article h3').first().innerText();
    await visitor.locator('main article h3 a').first().click();
    await visitor.waitForURL(/\/services\//);
    await visitor.getByRole('button', { name: 'Add to shortlist' }).click();
    await visitor.waitForURL(/shortlisted=1/);
    await expect.poll(() => visitor.locator('main').innerText()).toMatch(/Added to your shortlist/);

    await visitor.getByRole('link', { name: 'Shortlist', exact: true }).click();
    await visitor.waitForURL(/\/shortlist$/);
    await expect.poll(() => visitor.locator('main article h2').allInnerTexts()).toEqual([name]);
    expect(await visitor.locator('main').innerText()).toMatch(/kept in this browser/);
    expect(await accessibilityViolations(visitor)).toEqual([]);
    await screenshot(visitor, 'search-05-shortlist-anonymous');

    await visitor.goto(`${product.webUrl}/login?redirectTo=/shortlist`);
    await visitor.getByLabel('Email address').fill('resident@demo.care-assist.test');
    await visitor.getByLabel('Password').fill('CareAssist-demo-2026');
    await visitor.getByRole('button', { name: 'Sign in' }).click();
    await visitor.waitForURL(/\/shortlist$/);
    await expect.poll(() => visitor.locator('main article h2').allInnerTexts()).toContain(name);
    expect(await visitor.locator('main').innerText()).not.toMatch(/kept in this browser/);
    await screenshot(visitor, 'search-06-shortlist-signed-in');

    await visitor.getByRole('button', { name: `Remove ${name} from your shortlist` }).click();
    await expect.poll(() => visitor.locator('main article h2').allInnerTexts()).not.toContain(name);
    await context.close();
  });
});

describe('the map of results', () => {
  it('shows a marker for each result on the page with JavaScript, and no map box without it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const visitor = await context.newPage();
    const problems: string[] = [];
    visitor.on('pageerror', (error) => problems.push(error.message));
    visitor.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    await visitor.goto(`${product.webUrl}/search?care_type=home_care&where=CM1`);
    const names = await visitor.locator('main article h3').allInnerTexts();
    expect(names.length).toBeGreaterThan(1);

    // The map (and Leaflet's script) loads only when asked for: a phone that wants the list never pays for it.
    const map = visitor.getByRole('region', { name: 'Map of results' });
    expect(await map.locator('.leaflet-container').count()).toBe(0);
    await map.getByRole('button', { name: 'Show the results on a map' }).click();
    await expect.poll(() => map.locator('.leaflet-interactive.results-map__service').count()).toBe(names.length);
    expect(await map.locator('.leaflet-interactive.results-map__centre').count()).toBe(1);
    expect(await map.innerText()).toMatch(/The list below has every result/);

    // A marker's popup names a service from the list and links to its page (markers can overlap, so the click is
    // sent to the marker itself rather than to a point on the screen).
    await map.locator('.results-map__service').last().dispatchEvent('click');
    const link = map.locator('.leaflet-popup-content a');
    await expect.poll(() => link.count()).toBe(1);
    expect(names).toContain(await link.innerText());
    expect(await link.getAttribute('href')).toMatch(/^\/services\/[a-z0-9-]+$/);
    expect(await map.locator('.leaflet-popup-content').innerText()).toMatch(/miles away/);
    // Leaflet fades a popup in; axe must judge its colours once it is fully shown, not half-transparent.
    await expect.poll(() => map.locator('.leaflet-popup').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');

    expect(await accessibilityViolations(visitor)).toEqual([]);
    expect(problems).toEqual([]);
    await screenshot(visitor, 'search-07-map');

    // Paging in the browser swaps the results in place; the map follows with the next page's markers.
    await visitor.getByRole('link', { name: 'Next page' }).click();
    await visitor.waitForURL(/page=2/);
    await expect.poll(() => visitor.locator('main article h3').first().innerText()).not.toBe(names[0]);
    const secondPage = await visitor.locator('main article h3').count();
    await expect.poll(() => map.locator('.results-map__service').count()).toBe(secondPage);
    expect(problems).toEqual([]);
    await context.close();

    const noJsContext = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const noJs = await noJsContext.newPage();
    await noJs.goto(`${product.webUrl}/search?care_type=home_care&where=CM1`);
    expect(await noJs.locator('main article h3').allInnerTexts()).toEqual(names);
    expect(await noJs.locator('main').innerText()).not.toContain('Map of results');
    expect(await noJs.locator('.leaflet-container').count()).toBe(0);
    await noJsContext.close();
  });
});
