// An account from start to end in a real browser, with real e-mail read from the mail catcher `npm start` runs:
// register → confirm from the e-mail → forgot password → reset from the e-mail → sign in → download data → delete.
// Each page is checked with axe and photographed at phone (375 px) and desktop (1280 px) widths.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, ARTIFACTS, launchBrowser, screenshot } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
let page: Page;
/** Where the two-width screenshots go (SHOTS_DIR to look at them somewhere else). */
const SHOTS = process.env.SHOTS_DIR ?? path.join(ARTIFACTS, 'account');

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  product = await startProduct();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
});

afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  await screenshot(page, `failed-account-${task.name.replace(/\W+/g, '-')}`);
  console.error(product.output().split('\n').slice(-40).join('\n'));
});

afterAll(async () => {
  await browser?.close();
  expect(await product?.stop()).toBe(0);
});

/** Checks the page with axe, then photographs it at 375 px and at 1280 px. */
async function look(name: string) {
  expect(await accessibilityViolations(page)).toEqual([]);
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
}

interface CaughtMessage {
  to: string[];
  subject: string;
  text: string;
  links: string[];
}

/** Waits for an e-mail to `to` whose subject matches, as the person would wait for it in their inbox. */
async function waitForMail(to: string, subject: RegExp): Promise<CaughtMessage> {
  let found: CaughtMessage | undefined;
  await expect
    .poll(
      async () => {
        const messages = (await (await fetch(`${product.mailUrl}/messages.json`)).json()) as CaughtMessage[];
        found = messages.find((m) => m.to.includes(to) && subject.test(m.subject));
        return found !== undefined;
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBe(true);
  return found!;
}

describe('an account from registration to deletion', () => {
  const email = `lifecycle-${randomBytes(4).toString('hex')}@example.test`;
  const firstPassword = 'first-password-2026';
  const newPassword = 'second-password-2026';

  it('registers and is asked to confirm the address', async () => {
    await page.goto(`${product.webUrl}/register`);
    await page.getByLabel('Your name').fill('Morgan Lifecycle');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(firstPassword);
    await page.getByLabel('I am looking for care').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/register'));
    await page.goto(`${product.webUrl}/account`);
    expect(await page.locator('main').innerText()).toContain('Confirm your email address');
    await look('01-account-unconfirmed');
  });

  it('confirms the address from the link in the e-mail', async () => {
    const message = await waitForMail(email, /Confirm your e-mail address/);
    expect(message.text).toContain('Care Assist is a service from');
    const link = message.links.find((l) => l.includes('/verify-email/'))!;
    await page.goto(link.replace(/^http:\/\/localhost:\d+/, product.webUrl));
    expect(await page.locator('h1').innerText()).toBe('Email address confirmed');
    await look('02-email-confirmed');
    // The same link a second time says it was used.
    await page.goto(link.replace(/^http:\/\/localhost:\d+/, product.webUrl));
    expect(await page.locator('h1').innerText()).toBe('This link did not work');
    expect(await page.locator('main').innerText()).toContain('already been used');
  });

  it('signs out, asks for a reset link and chooses a new password from the e-mail', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${product.webUrl}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(/\/forgot-password$/);
    await page.getByLabel('Email address').fill(email);
    await look('03-forgot-password');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    expect(await page.locator('h1').innerText()).toBe('Check your email');
    await look('04-check-your-email');

    const message = await waitForMail(email, /Reset your Care Assist password/);
    const link = message.links.find((l) => l.includes('/reset-password/'))!;
    await page.goto(link.replace(/^http:\/\/localhost:\d+/, product.webUrl));
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await look('05-choose-new-password');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.waitForURL(/\/login\?reset=done/);
    expect(await page.locator('main').innerText()).toContain('Your password has been changed');
    await waitForMail(email, /password was changed/);
  });

  it('signs in with the new password and downloads their data', async () => {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${product.webUrl}/account`);
    expect(await page.locator('main').innerText()).toContain('(confirmed)');
    await look('06-account');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download your data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^care-assist-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      profile: { email: string; displayName: string };
      emails: { subject: string }[];
    };
    expect(data.profile).toMatchObject({ email, displayName: 'Morgan Lifecycle' });
    expect(data.emails.map((e) => e.subject)).toContain('Reset your Care Assist password');
  });

  it('deletes the account with their password and can no longer sign in', async () => {
    await page.getByRole('link', { name: 'Delete your account' }).click();
    await page.waitForURL(/\/account\/delete$/);
    await page.getByLabel('Your password').fill('not-my-password');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    expect(await page.locator('main').innerText()).toContain('Your account was not deleted');
    await look('07-delete-wrong-password');
    await page.getByLabel('Your password').fill(newPassword);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL(/\/account\/deleted$/);
    expect(await page.locator('h1').innerText()).toBe('Your account has been deleted');
    await look('08-account-deleted');
    await waitForMail(email, /account has been deleted/);

    await page.goto(`${product.webUrl}/login`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.locator('main').innerText()).toMatch(/not right/i);
  });

  it('links the privacy notice, cookies, accessibility statement and provider terms from the footer', async () => {
    for (const [name, heading] of [
      ['Privacy', 'Privacy notice'],
      ['Cookies', 'Cookies'],
      ['Accessibility statement', 'Accessibility statement for Care Assist'],
      ['Terms for providers', 'Terms for care providers'],
    ] as const) {
      await page.goto(product.webUrl);
      await page.getByRole('contentinfo').getByRole('link', { name, exact: true }).click();
      expect(await page.locator('h1').innerText()).toBe(heading);
      await look(`09-${name.toLowerCase().replace(/\W+/g, '-')}`);
    }
    expect(await page.locator('main').innerText()).toBeTruthy();
    await page.goto(`${product.webUrl}/privacy`);
    expect(await page.locator('main').innerText()).toMatch(/anonymous search records: \d+ days/);
    expect(await page.locator('main').innerText()).toContain("OpenStreetMap's servers");
  });
});
