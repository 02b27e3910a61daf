// The journeys of issue 14 in Debian Chromium against the built product with the demo data: a provider's
// price edit keeps a listing published, a town search is by distance and its heading agrees with the
// results, a personal budget is offered only where a service accepts one, rating bars draw with the CSP on,
// and the pages touched pass axe at 1280 px and 320 px with no sideways scroll. CSP violations in the console
// fail every browser test (test/e2e/fail-on-csp.ts).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse } from '@care-assist/domain';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
const PASSWORD = 'CareAssist-demo-2026';

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  expect(await product?.stop()).toBe(0);
});

async function visitor(width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return { context, page: await context.newPage() };
}

async function signedIn(email: string, width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await visitor(width);
  await page.goto(`${product.webUrl}/login`);
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return { context, page };
}

async function apiSearch(query: string): Promise<SearchResponse> {
  const res = await fetch(`${product.apiUrl}/api/v1/services?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SearchResponse;
}

/** How much wider than the window the page is (0 when nothing scrolls sideways). */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('a provider changes only the price of a published listing (item 1)', () => {
  it('keeps it published and in search', async () => {
    const { context, page } = await signedIn('provider@demo.care-assist.test');
    await page.goto(`${product.webUrl}/provider`);
    const row = page.locator('tr', { hasText: 'Published' }).first();
    const name = await row.locator('a').first().innerText();
    await row.locator('a').first().click();
    await page.waitForURL(/\/provider\/services\//);
    await page.waitForLoadState('networkidle');
    expect(await page.getByLabel('Address line 2 (optional)').inputValue()).toBe('');
    await page.getByLabel('Price per hour (£)').fill('31.25');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('main').innerText(), { timeout: 60_000 }).toContain('Your changes are saved');
    expect(await page.locator('main').innerText()).not.toContain('back with the council');
    await page.goto(`${product.webUrl}/provider`);
    expect(await page.locator('tr', { hasText: name }).innerText()).toContain('Published');
    await context.close();
  }, 240_000);
});

describe('searching near a town (item 2)', () => {
  it('says "near Chelmsford" only of services within the radius, and fewer with more words', async () => {
    const { context, page } = await visitor();
    await page.goto(`${product.webUrl}/search?where=Chelmsford&radius=15&care_type=care_home`);
    const heading = await page.locator('h1').innerText();
    expect(heading).toMatch(/^\d+ care home services? near Chelmsford$/);
    const total = Number(/^(\d+)/.exec(heading)![1]);
    const distances = await page
      .locator('.results')
      .getByText(/ km away| miles? away/)
      .allInnerTexts();
    expect(distances.length).toBeGreaterThan(0);
    const api = await apiSearch('postcode=Chelmsford&radius_km=15&care_type=care_home&per_page=50');
    expect(api.total).toBe(total);
    expect(api.items.every((s) => s.distanceKm !== null && s.distanceKm <= 15)).toBe(true);
    expect(api.items.map((s) => s.town)).not.toContain('Margate');

    await page.goto(`${product.webUrl}/search?where=Chelmsford&radius=15&care_type=care_home&q=dementia`);
    const withWords = Number(/^(\d+)/.exec(await page.locator('h1').innerText())?.[1] ?? '0');
    expect(withWords).toBeLessThanOrEqual(total);
    await context.close();
  });

  it('finds a town typed in lower case with a typo, and says when a place is unknown', async () => {
    const { context, page } = await visitor();
    await page.goto(`${product.webUrl}/search?where=chelmsfrod`);
    expect(await page.locator('h1').innerText()).toMatch(/near Chelmsford$/);
    await page.goto(`${product.webUrl}/search?where=Atlantis`);
    expect(await page.locator('h1').innerText()).not.toContain('near');
    expect(await page.locator('main').innerText()).toContain('We could not find a place called “Atlantis”');
    expect(await page.locator('.results li').count()).toBe(0);
    await context.close();
  });
});

describe('paying from a personal budget (item 5)', () => {
  it('explains on the quote page whether the service accepts personal budgets', async () => {
    const all = await apiSearch('per_page=50&care_type=home_care');
    const refuses = all.items.find((s) => !s.fundingAccepted.includes('personal_budget'));
    const accepts = all.items.find((s) => s.fundingAccepted.includes('personal_budget'));
    expect(refuses && accepts).toBeTruthy();
    const { context, page } = await signedIn('budget.holder@demo.care-assist.test');
    await page.goto(`${product.webUrl}/services/${refuses!.slug}/request-quote`);
    expect(await page.locator('#paying').innerText()).toContain(
      'This service does not accept personal budgets or direct payments',
    );
    await page.goto(`${product.webUrl}/services/${accepts!.slug}/request-quote`);
    expect(await page.locator('#paying').innerText()).toContain('This service accepts personal budgets');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('rating bars (item 9)', () => {
  it('draws the star distribution when a service page is opened directly', async () => {
    const [top] = (await apiSearch('postcode=CM1&sort=rating&per_page=1')).items;
    const { context, page } = await visitor();
    await page.goto(`${product.webUrl}/services/${top!.slug}`);
    const bars = page.locator('.bars .bar rect');
    expect(await bars.count()).toBeGreaterThanOrEqual(5);
    const widths = await bars.evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().width));
    expect(Math.max(...widths)).toBeGreaterThan(100);
    await context.close();
  });
});

describe('pages at 320 px and 375 px', () => {
  const pages = async () => {
    const results = await apiSearch('postcode=CM1&per_page=3');
    const ids = results.items.map((s) => s.id);
    return {
      search: '/search?where=Chelmsford&care_type=home_care',
      service: `/services/${results.items[0]!.slug}`,
      compare: `/compare?ids=${ids.join('&ids=')}`,
    };
  };

  it('has no axe violations at 1280 px and 320 px, and nothing scrolls sideways at 320 px', async () => {
    for (const [name, path] of Object.entries(await pages())) {
      for (const width of [1280, 320]) {
        const { context, page } = await visitor(width);
        await page.goto(`${product.webUrl}${path}`);
        expect(await accessibilityViolations(page), `${name} at ${width}`).toEqual([]);
        if (width === 320) expect(await sidewaysScroll(page), `${name} at 320 px`).toBeLessThanOrEqual(0);
        await context.close();
      }
    }
  });

  it('takes screenshots at 375 px of search, service, compare and budget', async () => {
    for (const [name, path] of Object.entries(await pages())) {
      const { context, page } = await visitor(375);
      await page.goto(`${product.webUrl}${path}`);
      await screenshot(page, `journeys-375-${name}`);
      await context.close();
    }
    const { context, page } = await signedIn('budget.holder@demo.care-assist.test', 375);
    await page.goto(`${product.webUrl}/budget`);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'journeys-375-budget');
    await context.close();
  });
});

describe('feedback, errors and landing (item 7)', () => {
  it('says a quote request was sent', async () => {
    const [service] = (await apiSearch('postcode=CM1&care_type=home_care&funding=personal_budget&per_page=1')).items;
    const { context, page } = await signedIn('resident@demo.care-assist.test');
    await page.goto(`${product.webUrl}/services/${service!.slug}/request-quote`);
    await page.getByLabel('When should care start?').fill('2027-01-11');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/bookings\/[0-9a-f-]+/);
    expect(await page.getByRole('status').first().innerText()).toContain('Your request has been sent');
    await context.close();
  });

  it('shows a reversed statement date range inside the site, beside the form', async () => {
    const { context, page } = await signedIn('budget.holder@demo.care-assist.test');
    await page.goto(`${product.webUrl}/budget`);
    await page.getByLabel('From').fill('2027-03-01');
    await page.getByLabel('To').fill('2026-05-01');
    await page.getByRole('button', { name: 'Download statement (CSV)' }).click();
    await page.waitForURL(/\/budget\?/);
    expect(await page.locator('header nav').count()).toBeGreaterThan(0);
    expect(await page.locator('main').innerText()).toContain('must be the same as or after');
    expect(await page.title()).toMatch(/^Error: /);
    await context.close();
  });

  it('sends a page opened on 127.0.0.1 to the configured localhost origin, so forms work', async () => {
    const loopback = product.webUrl.replace('localhost', '127.0.0.1');
    const { context, page } = await visitor();
    await page.goto(`${loopback}/login`);
    expect(new URL(page.url()).hostname).toBe('localhost');
    await page.getByLabel('Email address').fill('resident@demo.care-assist.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    expect(await page.locator('body').innerText()).not.toContain('Cross-site');
    await context.close();
  });

  it('lands each role where its work is, and marks only the current page in the navigation', async () => {
    const landing = { provider: '/provider', moderator: '/moderation', resident: '/account' };
    for (const [role, path] of Object.entries(landing)) {
      const { context, page } = await signedIn(`${role}@demo.care-assist.test`);
      expect(new URL(page.url()).pathname, role).toBe(path);
      if (role === 'provider') {
        expect(await page.locator('header [aria-current="page"]').allInnerTexts()).toEqual(['Your listings']);
        await page.goto(`${product.webUrl}/provider/requests`);
        expect(await page.locator('header [aria-current="page"]').allInnerTexts()).toEqual(['Requests']);
      }
      await context.close();
    }
  });
});

describe('compare on a phone (item 4)', () => {
  it('lets the keyboard scroll the table sideways to the third service', async () => {
    const ids = (await apiSearch('postcode=CM1&per_page=3')).items.map((s) => s.id);
    const { context, page } = await visitor(320);
    await page.goto(`${product.webUrl}/compare?ids=${ids.join(',')}`);
    const region = page.getByRole('region', { name: /side by side/ });
    await region.focus();
    expect(await region.evaluate((el) => el === document.activeElement)).toBe(true);
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    const third = page.locator('.compare thead th').nth(2);
    // Keyboard scrolling can be animated (it is in the packaged headless Chromium): wait for it to settle.
    await expect.poll(async () => (await third.boundingBox())!.x, { timeout: 5_000 }).toBeLessThan(320);
    expect((await third.boundingBox())!.x).toBeGreaterThanOrEqual(0);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    await context.close();
  });
});

/** Presses Tab until the focused element matches `selector`; returns how many presses it took. */
async function tabTo(page: Page, selector: string, max = 80): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return presses;
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}

const focusedText = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');

describe('the keyboard-only journey (item 8)', () => {
  it('search -> filter -> compare -> reviews worst first -> request a quote, with the keyboard alone', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    // Sign in first, by keyboard.
    await page.goto(`${product.webUrl}/login`);
    await page.waitForLoadState('networkidle');
    await tabTo(page, '#email');
    await page.keyboard.type('resident@demo.care-assist.test');
    await tabTo(page, '#password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    // Search from the home page.
    await page.goto(`${product.webUrl}/`);
    await page.waitForLoadState('networkidle');
    await tabTo(page, '#where');
    await page.keyboard.type('Chelmsford');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?/);
    await page.waitForLoadState('networkidle');

    // Filter: only services that accept personal budgets.
    await tabTo(page, '#funding');
    await page.keyboard.press('p'); // "Personal budget or direct payment"
    await tabTo(page, '.search-form__submit');
    await page.keyboard.press('Enter');
    await page.waitForURL(/funding=personal_budget/);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('h1').innerText()).toMatch(/near Chelmsford$/);

    // Skip to results, tick two services, and compare them from beside the boxes.
    const toSkip = await tabTo(page, '.skip-to-results a');
    expect(toSkip).toBeLessThanOrEqual(12);
    await page.keyboard.press('Enter');
    const toFirstBox = await tabTo(page, 'input[name="ids"]');
    expect(toFirstBox).toBeLessThanOrEqual(8);
    await page.keyboard.press('Space');
    await tabTo(page, 'input[name="ids"]:not(:checked)');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('.compare-bar [aria-live]').innerText()).toContain('2 of 4 ticked');
    await tabTo(page, '.compare-bar button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/compare\?/);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.compare thead th').count()).toBe(2);

    // Open the first service, and read its reviews worst first.
    await tabTo(page, '.compare thead th a');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/services\/[^/]+$/);
    await page.waitForLoadState('networkidle');
    const slug = new URL(page.url()).pathname.split('/').pop()!;
    await tabTo(page, 'select#sort');
    await page.keyboard.press('l'); // "Lowest rating"
    await tabTo(page, 'form.filters button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=lowest/);
    await expect.poll(() => focusedText(page)).toBe('Show reviews');
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);

    // The main action is near the top of the page: a few Tabs from the start.
    await page.goto(`${product.webUrl}/services/${slug}`);
    await page.waitForLoadState('networkidle');
    const toQuote = await tabTo(page, 'a[href$="/request-quote"]');
    expect(toQuote).toBeLessThanOrEqual(15);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/request-quote$/);
    await page.waitForLoadState('networkidle');
    await tabTo(page, '#startDate');
    await page.keyboard.type('11012027');
    await tabTo(page, 'form button[type="submit"]:not(.site-nav__button)');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/bookings\/[0-9a-f-]+\?sent=1/);
    expect(await page.getByRole('status').first().innerText()).toContain('Your request has been sent');
    await context.close();
  });
});

describe('the no-JavaScript journey', () => {
  it('search by town, filters, compare, reviews worst first and a quote request all work without JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${product.webUrl}/login`);
    await page.getByLabel('Email address').fill('resident@demo.care-assist.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    await page.goto(`${product.webUrl}/search?where=Chelmsford`);
    expect(await page.locator('h1').innerText()).toMatch(/near Chelmsford$/);
    // On a phone the filters wait behind "Filters"; <details> opens without JavaScript.
    await page.locator('.refine summary').click();
    await page.getByLabel('How you will pay').selectOption('personal_budget');
    await page.getByRole('button', { name: 'Update results' }).click();
    await page.waitForURL(/funding=personal_budget/);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);

    const boxes = page.locator('input[name="ids"]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Compare ticked services' }).click();
    await page.waitForURL(/\/compare\?/);
    expect(await page.locator('.compare thead th').count()).toBe(2);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);

    await page.locator('.compare thead th a').first().click();
    await page.waitForURL(/\/services\/[^/]+$/);
    await page.locator('form.filters select#sort').selectOption('lowest');
    await page.getByRole('button', { name: 'Show reviews' }).click();
    await page.waitForURL(/sort=lowest.*#reviews-title$/);

    await page.getByRole('link', { name: 'Request a quote' }).first().click();
    await page.waitForURL(/\/request-quote$/);
    await page.getByLabel('When should care start?').fill('2027-01-11');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/bookings\/[0-9a-f-]+\?sent=1/);
    expect(await page.getByRole('status').first().innerText()).toContain('Your request has been sent');
    await context.close();
  });
});
