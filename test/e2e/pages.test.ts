// Every page of the web app, as everyone (issue 13): visited in Chromium anonymously and as each role, the answer
// must match the declared policy (test/support/page-policy.ts; page-policy.test.ts fails on an undeclared page):
// a signed-out visitor of a private page is sent to sign in, a role the page is not for gets a 4xx page, nobody
// ever gets a 5xx, and no page logs a Content Security Policy violation (fail-on-csp.ts, after each test).
// Every form action also refuses a POST from a foreign Origin, whoever's cookies come with it.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse, UserRole } from '@care-assist/domain';
import { PAGE_POLICY, type PagePolicy } from '../support/page-policy.ts';
import { launchBrowser } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
let slug = '';

const PASSWORD = 'CareAssist-demo-2026';
const ACCOUNTS: Record<UserRole, string> = {
  resident: 'resident@demo.care-assist.test',
  provider: 'provider@demo.care-assist.test',
  moderator: 'moderator@demo.care-assist.test',
  admin: 'admin@demo.care-assist.test',
};

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  const search = await fetch(`${product.apiUrl}/api/v1/services?postcode=CM1&per_page=1`);
  slug = ((await search.json()) as SearchResponse).items[0]!.slug;
});

afterAll(async () => {
  await browser?.close();
  expect(await product?.stop()).toBe(0);
});

const pathOf = (policy: PagePolicy) => policy.path.replace('{slug}', slug);

async function signedInContext(role: UserRole | null): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (!role) return context;
  const page = await context.newPage();
  await page.goto(`${product.webUrl}/login`);
  await page.getByLabel('Email address').fill(ACCOUNTS[role]);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.close();
  return context;
}

interface Visit {
  route: string;
  status: number;
  finalPath: string;
  askedPath: string;
}

/** Pages in the browser (so scripts run and CSP applies); endpoints with the context's cookies, no redirects. */
async function visitAll(context: BrowserContext): Promise<Visit[]> {
  const page = await context.newPage();
  const visits: Visit[] = [];
  for (const [route, policy] of Object.entries(PAGE_POLICY)) {
    if (route === '/logout') continue; // visiting it is harmless, but keep each role signed in for the rest
    const url = `${product.webUrl}${pathOf(policy)}`;
    if (policy.endpoint) {
      const response = await context.request.get(url, { maxRedirects: 0 });
      const location = response.headers()['location'] ?? '';
      const finalPath = new URL(location || url, url).pathname;
      visits.push({ route, status: response.status(), finalPath, askedPath: new URL(url).pathname });
      continue;
    }
    const response = await page.goto(url, { waitUntil: 'load' });
    const finalPath = new URL(page.url()).pathname;
    visits.push({ route, status: response?.status() ?? 0, finalPath, askedPath: new URL(url).pathname });
  }
  await page.close();
  return visits;
}

function unexpected(visits: Visit[], role: UserRole | null): string[] {
  const problems: string[] = [];
  for (const { route, status, finalPath, askedPath } of visits) {
    const policy = PAGE_POLICY[route]!;
    const where = `${role ?? 'anonymous'} ${route}: ${status} at ${finalPath}`;
    if (status >= 500 || status === 0) {
      problems.push(`${where} (server error)`);
      continue;
    }
    const sentToSignIn = finalPath === '/login' && route !== '/login';
    if (!role) {
      if (policy.anonymous && sentToSignIn) problems.push(`${where} (a public page asked to sign in)`);
      if (!policy.anonymous && !sentToSignIn) problems.push(`${where} (a private page did not ask to sign in)`);
      continue;
    }
    // Served: the page itself answered 2xx (a redirect to another page, e.g. a resident's home, is not serving it).
    const served = status >= 200 && status < 300 && finalPath === askedPath;
    if (sentToSignIn) problems.push(`${where} (signed in, yet sent to sign in)`);
    else if (policy.roles.includes(role) && !policy.anonymous && status >= 400)
      problems.push(`${where} (refused a role the page is for)`);
    else if (!policy.roles.includes(role) && served) problems.push(`${where} (served a role it is not for)`);
  }
  return problems;
}

describe('every page as every caller', () => {
  it('anonymous: public pages open, private ones ask to sign in', async () => {
    const context = await signedInContext(null);
    expect(unexpected(await visitAll(context), null)).toEqual([]);
    await context.close();
  });

  for (const role of Object.keys(ACCOUNTS) as UserRole[]) {
    it(`${role}: the pages for them, a 4xx page elsewhere, never a 5xx`, async () => {
      const context = await signedInContext(role);
      expect(unexpected(await visitAll(context), role)).toEqual([]);
      await context.close();
    });
  }
});

describe('form actions', () => {
  it('refuse a POST from a foreign Origin, even with a council session', async () => {
    const context = await signedInContext('admin');
    const refused: string[] = [];
    let count = 0;
    for (const policy of Object.values(PAGE_POLICY)) {
      for (const action of policy.actions ?? []) {
        const url = `${product.webUrl}${pathOf(policy)}${action === 'default' ? '' : `?/${action}`}`;
        const response = await context.request.post(url, {
          headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
          data: 'id=1',
          maxRedirects: 0,
        });
        count++;
        if (response.status() !== 403) refused.push(`${url}: ${response.status()}`);
      }
    }
    expect(count).toBeGreaterThan(40);
    expect(refused, 'actions that did not refuse a foreign Origin').toEqual([]);
    await context.close();
  });
});
