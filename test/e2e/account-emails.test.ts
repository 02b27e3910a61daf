// E-mail links that work where people use them, in the built product: the one-click unsubscribe a mail client
// sends (a bare POST with no cookies and no Origin), while other cross-site form posts stay refused; and a provider
// invitation opened by someone with no account, who creates one from the link and joins the organisation.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, ARTIFACTS, launchBrowser, screenshot } from './browser.ts';
import { apiCall, apiToken, linkIn, waitForMail } from './mail.ts';
import { startProduct, type RunningProduct } from './product.ts';

const PASSWORD = 'CareAssist-demo-2026';
const PROVIDER = 'provider@demo.care-assist.test';
const SHOTS = process.env.SHOTS_DIR ?? path.join(ARTIFACTS, 'account');

let product: RunningProduct;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  product = await startProduct();
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  await screenshot(page, `failed-account-emails-${task.name.replace(/\W+/g, '-')}`);
  console.error(product.output().split('\n').slice(-40).join('\n'));
});

afterAll(async () => {
  await browser?.close();
  expect(await product?.stop()).toBe(0);
});

async function look(name: string) {
  expect(await accessibilityViolations(page)).toEqual([]);
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('one-click unsubscribe from a mail client', () => {
  it('switches the kind off from a bare POST to the List-Unsubscribe address', async () => {
    // A published question about the demo provider's service e-mails the provider (new_question).
    const provider = await apiToken(product, PROVIDER, PASSWORD);
    const { items } = await apiCall<{ items: { slug: string; status: string }[] }>(
      product,
      provider,
      'GET',
      '/provider/services',
    );
    const slug = items.find((s) => s.status === 'published')!.slug;
    const resident = await apiToken(product, 'resident@demo.care-assist.test', PASSWORD);
    const question = await apiCall<{ id: string }>(product, resident, 'POST', `/services/${slug}/questions`, {
      body: 'Can your carers help with shopping on the way to a morning visit?',
    });
    const moderator = await apiToken(product, 'moderator@demo.care-assist.test', PASSWORD);
    await apiCall(product, moderator, 'POST', `/moderation/questions/${question.id}/decision`, {
      decision: 'publish',
    });
    const message = await waitForMail(product, PROVIDER, /^A question about /);
    expect(message.text).toContain('Can your carers help with shopping');
    expect(message.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<(.+)>$/.exec(message.headers['list-unsubscribe'] ?? '')![1]!;
    expect(unsubscribe).toMatch(/\/unsubscribe\/[\w-]+\.[\w-]+$/);

    // What a mail client sends (RFC 8058): no cookies, no Origin, the one-click body.
    const url = unsubscribe.replace(/^http:\/\/localhost:\d+/, product.webUrl);
    const clicked = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
    });
    expect(clicked.status).toBe(200);
    // SvelteKit answers a client that does not ask for HTML with the action's result as JSON; either way, done.
    expect(await clicked.text()).toContain('Someone asked a question about your service');
    const preferences = await apiCall<{ items: { kind: string; email: boolean }[] }>(
      product,
      provider,
      'GET',
      '/me/email-preferences',
    );
    expect(preferences.items.find((p) => p.kind === 'new_question')?.email).toBe(false);
    expect(preferences.items.find((p) => p.kind === 'new_review')?.email).toBe(true);

    // The exception is that one address: any other form posted from another site is still refused.
    for (const target of ['/logout', '/account/delete', `/unsubscribe/not-a-token`]) {
      const forged = await fetch(`${product.webUrl}${target}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        body: 'password=x',
        redirect: 'manual',
      });
      expect(forged.status, target).toBe(403);
    }
  });
});

describe('an invitation to someone with no account', () => {
  it('creates their account from the e-mailed link and makes them a member', async () => {
    const provider = await apiToken(product, PROVIDER, PASSWORD);
    const { items } = await apiCall<{ items: { id: string; name: string }[] }>(
      product,
      provider,
      'GET',
      '/organisations',
    );
    const organisation = items[0]!;
    const email = `invited-${randomBytes(4).toString('hex')}@example.test`;
    await apiCall(product, provider, 'POST', `/organisations/${organisation.id}/members`, { email, role: 'staff' });

    const message = await waitForMail(product, email, /You are invited/);
    await page.goto(linkIn(product, message, '/provider/invitations/'));
    expect(await page.locator('h1').innerText()).toBe(`Join ${organisation.name}`);
    expect(await page.locator('main').innerText()).toContain(email);
    await look('20-invitation-signed-out');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL(/\/register\?/);
    expect(await page.getByLabel('Email address').inputValue()).toBe(email);
    expect(await page.getByLabel('I provide care').isChecked()).toBe(true);
    await page.getByLabel('Your name').fill('Ines Invited');
    await page.getByLabel('Password', { exact: true }).fill('joining-the-team-2026');
    await look('21-register-from-invitation');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/provider\/invitations\//);
    await look('22-invitation-signed-in');
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    await page.waitForURL((url) => url.pathname === '/provider');
    expect(await page.locator('main').innerText()).toContain(organisation.name);
    await look('23-member-of-organisation');
    // Opening the link confirmed the address: the account page says so, and the link is spent.
    await page.goto(`${product.webUrl}/account`);
    expect(await page.locator('main').innerText()).toContain('(confirmed)');
    await page.goto(linkIn(product, message, '/provider/invitations/'));
    expect(await page.locator('h1').innerText()).toBe('This invitation link did not work');
    expect(await page.locator('main').innerText()).toContain('already been used');
  });
});
