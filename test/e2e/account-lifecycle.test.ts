// An account from start to end in a real browser, with real e-mail read from the mail catcher `npm start` runs:
// register → held back from asking for a quote until confirmed, and a new link sent → confirm from the e-mail →
// forgot password → reset from the e-mail → sign in → download data → delete → cannot sign in.
// Each page is checked with axe and photographed at phone (375 px) and desktop (1280 px) widths.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, ARTIFACTS, launchBrowser, screenshot } from './browser.ts';
import { linkIn, waitForMail, waitForMails } from './mail.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
let page: Page;
/** A Chelmer Care Partnership service in the demo data (the demo provider's). */
let CHELMER_SERVICE = '';
/** Where the two-width screenshots go (SHOTS_DIR to look at them somewhere else). */
const SHOTS = process.env.SHOTS_DIR ?? path.join(ARTIFACTS, 'account');

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  product = await startProduct();
  const found = (await (await fetch(`${product.apiUrl}/api/v1/services?q=Chelmer%20Care&per_page=1`)).json()) as {
    items: { slug: string }[];
  };
  CHELMER_SERVICE = found.items[0]!.slug;
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

  it('cannot ask for a quote until the address is confirmed: the page says why and sends a new link', async () => {
    await page.goto(`${product.webUrl}/services/${CHELMER_SERVICE}/request-quote`);
    const notice = page.getByRole('note');
    expect(await notice.innerText()).toContain('Confirm your email address first');
    expect(await notice.innerText()).toContain(email);
    await look('02-quote-needs-confirmed-email');
    // Trying anyway: the API refuses (403) and the page explains, changing nothing.
    await page.getByLabel('When should care start?').fill('2027-01-11');
    await page.getByLabel('For how many weeks?').fill('6');
    await page.getByRole('button', { name: 'Send request' }).click();
    expect(await page.locator('main').innerText()).toContain('Confirm your e-mail address before you ask for a quote');
    await look('03-quote-refused-unconfirmed');

    await page.getByRole('button', { name: 'Send me a new link' }).click();
    await page.waitForURL(/\/account/);
    expect(await page.getByRole('main').getByRole('status').innerText()).toContain(
      `We have sent a new link to ${email}`,
    );
    await look('04-new-link-sent');
    // Two links now: the first from sign-up and the one just asked for.
    await waitForMails(product, email, /Confirm your e-mail address/, 2);
  });

  it('confirms the address from the newest link in the e-mail', async () => {
    const message = await waitForMail(product, email, /Confirm your e-mail address/);
    expect(message.text).toContain('Care Assist is a service from');
    const link = linkIn(product, message, '/verify-email/');
    await page.goto(link);
    expect(await page.locator('h1').innerText()).toBe('Email address confirmed');
    await look('05-email-confirmed');
    // The same link a second time says it was used.
    await page.goto(link);
    expect(await page.locator('h1').innerText()).toBe('This link did not work');
    expect(await page.locator('main').innerText()).toContain('already been used');
    // Confirmed, the quote form no longer holds them back.
    await page.goto(`${product.webUrl}/services/${CHELMER_SERVICE}/request-quote`);
    expect(await page.getByRole('note').count()).toBe(0);
  });

  it('signs out, asks for a reset link and chooses a new password from the e-mail', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${product.webUrl}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(/\/forgot-password$/);
    await page.getByLabel('Email address').fill(email);
    await look('06-forgot-password');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    expect(await page.locator('h1').innerText()).toBe('Check your email');
    await look('07-check-your-email');

    const message = await waitForMail(product, email, /Reset your Care Assist password/);
    await page.goto(linkIn(product, message, '/reset-password/'));
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await look('08-choose-new-password');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.waitForURL(/\/login\?reset=done/);
    expect(await page.locator('main').innerText()).toContain('Your password has been changed');
    await waitForMail(product, email, /password was changed/);
  });

  it('signs in with the new password and downloads their data', async () => {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${product.webUrl}/account`);
    expect(await page.locator('main').innerText()).toContain('(confirmed)');
    await look('09-account');
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
    await look('10-delete-wrong-password');
    await page.getByLabel('Your password').fill(newPassword);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL(/\/account\/deleted$/);
    expect(await page.locator('h1').innerText()).toBe('Your account has been deleted');
    await look('11-account-deleted');
    await waitForMail(product, email, /account has been deleted/);

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
      await expect.poll(() => page.locator('h1').innerText()).toBe(heading);
      await look(`12-${name.toLowerCase().replace(/\W+/g, '-')}`);
    }
    expect(await page.locator('main').innerText()).toBeTruthy();
    await page.goto(`${product.webUrl}/privacy`);
    expect(await page.locator('main').innerText()).toMatch(/anonymous search records: \d+ days/);
    expect(await page.locator('main').innerText()).toContain("OpenStreetMap's servers");
    expect(await page.locator('main').innerText()).toContain(
      'until 6 years after the end of the financial year (31 March) in which the booking last changed',
    );
  });
});
