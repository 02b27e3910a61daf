// Every page, for every role, at 1280 px and 320 px: no axe violations, and the document is never wider than
// the window (no sideways scrolling at 320 px, issue 14). The pages are found by following the links each role
// sees, starting from the header and a few entry points, one page per route (a second service page would add
// time, not coverage). Also the "Paying for care" help and its estimator, without JavaScript.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse } from '@care-assist/domain';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
const PASSWORD = 'CareAssist-demo-2026';
const WIDTHS = [1280, 320] as const;
/** Enough for every route a role can reach; a crawl that finds more has found something new to look at. */
const MAX_PAGES_PER_ROLE = 60;

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  expect(await product?.stop()).toBe(0);
});

async function apiSearch(query: string): Promise<SearchResponse> {
  const res = await fetch(`${product.apiUrl}/api/v1/services?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SearchResponse;
}

async function contextFor(role: string | null): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (role) {
    const page = await context.newPage();
    await page.goto(`${product.webUrl}/login`);
    await page.getByLabel('Email address').fill(`${role}@demo.care-assist.test`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.close();
  }
  return context;
}

/**
 * The route a path belongs to, so one page stands for all of its kind: ids, slugs and tokens become
 * placeholders ("/services/the-oaks/review" -> "/services/[slug]/review").
 */
export function routeOf(pathname: string): string {
  return pathname
    .replace(/^\/services\/(?!new\b)[^/]+/, '/services/[slug]')
    .replace(/^\/provider\/invitations\/[^/]+/, '/provider/invitations/[token]')
    .replace(/^\/outcomes\/[^/]+\/[^/]+/, '/outcomes/[bookingId]/[reviewPoint]')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '[id]')
    .replace(/\/+$/, '')
    .replace(/^$/, '/');
}

/**
 * Pages whose content is the same for everyone: the help, legal and open-data pages. The anonymous sweep checks
 * them; a signed-in role would see the same page under its own header, and that header is checked on every other
 * page the role reaches (this keeps the longest test of the suite about 40% shorter).
 */
const SAME_FOR_EVERYONE = /^\/(help|privacy|cookies|accessibility|terms|open-data)(\/|$)/;

/** Links that are not pages (downloads, data, photos), or that would change the session. */
const NOT_A_PAGE = /^\/(logout|photos|openreferral|suggestions)(\/|$)|\.(csv|json|zip|png|jpe?g)$|^\/open-data\/./;

async function linksOn(page: Page): Promise<string[]> {
  const origin = new URL(product.webUrl).origin;
  const hrefs = await page
    .locator('a[href]:not([download])')
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  return hrefs
    .map((href) => new URL(href))
    .filter((url) => url.origin === origin && !NOT_A_PAGE.test(url.pathname))
    .map((url) => url.pathname + url.search);
}

interface Problem {
  page: string;
  width: number;
  problem: string;
}

/** Visits every route the role can reach and returns what is wrong, page by page; also the routes seen. */
async function sweep(role: string | null, entryPoints: string[]): Promise<{ routes: string[]; problems: Problem[] }> {
  const context = await contextFor(role);
  const page = await context.newPage();
  const queue = [...entryPoints];
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  while (queue.length > 0 && seen.size < MAX_PAGES_PER_ROLE) {
    const target = queue.shift()!;
    const route = routeOf(new URL(target, product.webUrl).pathname);
    if (seen.has(route) || (role && SAME_FOR_EVERYONE.test(route))) continue;
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const response = await page.goto(`${product.webUrl}${target}`);
      // Where a role may not go it is sent elsewhere (sign in, its own landing page); that page is checked then.
      const landed = routeOf(new URL(page.url()).pathname);
      if (landed !== route) {
        seen.set(route, `→ ${landed}`);
        queue.push(new URL(page.url()).pathname + new URL(page.url()).search);
        break;
      }
      seen.set(route, target);
      if ((response?.status() ?? 500) >= 500)
        problems.push({ page: target, width, problem: `HTTP ${response?.status()}` });
      const overflow = await page.evaluate(() => ({
        document: document.documentElement.scrollWidth,
        viewport: document.documentElement.clientWidth,
        // The widest element that sticks out, to say what to fix.
        culprit:
          Array.from<Element>(document.querySelectorAll('body *'))
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .filter((el) => !el.closest('.table-scroll, [data-scrolls-sideways]'))
            .map(
              (el) =>
                `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${Array.from<string>(el.classList).join('.')}`,
            )
            .at(-1) ?? '',
      }));
      if (overflow.document > overflow.viewport) {
        problems.push({
          page: target,
          width,
          problem: `document ${overflow.document} px wide in a ${overflow.viewport} px window (${overflow.culprit})`,
        });
      }
      for (const violation of await accessibilityViolations(page))
        problems.push({ page: target, width, problem: violation });
      if (width === WIDTHS[0]) {
        for (const link of await linksOn(page)) {
          if (!seen.has(routeOf(new URL(link, product.webUrl).pathname))) queue.push(link);
        }
      }
    }
  }
  await context.close();
  return { routes: [...seen.entries()].map(([route, via]) => `${route} ${via}`), problems };
}

describe('every page at 1280 px and 320 px', () => {
  const entryPoints = async () => {
    const results = await apiSearch('postcode=CM1&per_page=3');
    const [first] = results.items;
    return [
      '/',
      '/search?where=Chelmsford&care_type=care_home',
      `/services/${first!.slug}`,
      `/services/${first!.slug}/review`,
      `/services/${first!.slug}/request-quote`,
      `/compare?ids=${results.items.map((s) => s.id).join(',')}`,
      '/help',
      '/help/paying-for-care/estimate',
      '/open-data',
    ];
  };

  for (const role of [null, 'resident', 'budget.holder', 'provider', 'moderator', 'admin']) {
    it(`has no axe violations and no sideways scroll for ${role ?? 'anonymous'} visitors`, async () => {
      const { routes, problems } = await sweep(role, await entryPoints());
      console.log(`[every page] ${role ?? 'anonymous'}: ${routes.length} routes\n  ${routes.join('\n  ')}`);
      expect(routes.length).toBeGreaterThan(8);
      expect(problems).toEqual([]);
    }, 900_000);
  }
});

describe('paying for care (issue 14, beyond)', () => {
  it('answers "could the council help pay?" without JavaScript, with the rule and what to do next', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${product.webUrl}/help/paying-for-care`);
    expect(await page.locator('main').innerText()).toContain('2026 to 2027');
    await page.getByRole('link', { name: 'Could the council help pay?' }).click();
    await page.getByRole('button', { name: 'Show my answer' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Say whether you own your home');
    await page.getByLabel('How much do you have in savings?').fill('18,000');
    await page.getByLabel('Yes, and nobody else will live there').check();
    await page.getByLabel('How much income do you get each week?').fill('250');
    await page.getByLabel('A care home (to live in)').check();
    await page.getByRole('button', { name: 'Show my answer' }).click();
    const answer = await page.getByRole('region', { name: 'The council might help pay' }).innerText();
    expect(answer).toContain('For your first 12 weeks in a care home');
    expect(answer).toContain('deferred payment agreement');
    // £250 + £15 tariff income (£3,750 over £14,250 is 15 steps of £250) - £30.65 personal expenses allowance
    expect(answer).toContain('£234.35 a week');
    await screenshot(page, 'help-375-estimate');
    await context.close();
  });

  it('links each help page from where its subject appears', async () => {
    const [top] = (await apiSearch('postcode=CM1&sort=rating&per_page=1')).items;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${product.webUrl}/search?where=Chelmsford&care_type=home_care`);
    expect(await page.locator('a[href="/help/care-types"]').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href="/help/ratings#ranking"]').count()).toBe(1);
    // The value for money badge explains itself and links to the full story (it is on search results and compare).
    const badges = await page.locator('.value-badge').count();
    expect(badges).toBeGreaterThan(0);
    expect(await page.locator('.value-badge a[href="/help/value-for-money"]').count()).toBe(badges);
    await page.goto(`${product.webUrl}/services/${top!.slug}`);
    for (const href of ['/help/ratings', '/help/ratings#score', '/help/moderation']) {
      expect(await page.locator(`a[href="${href}"]`).count(), href).toBeGreaterThan(0);
    }
    await page.goto(`${product.webUrl}/help/care-types`);
    expect(await page.locator('dt').count()).toBe(10);
    await context.close();
  });
});
