// A provider creates a listing and submits it, a council moderator publishes it, and a resident then
// finds it by search: in Debian Chromium against the real product with the demo data.
import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
const PASSWORD = 'CareAssist-demo-2026';
const LISTING = 'Hylands Evening Companions';
const PHOTO_ALT = 'The team of evening carers outside the office';

/** A real PNG of one colour (big enough to see in a screenshot), built here rather than kept as a fixture. */
function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc(typed));
    return Buffer.concat([length, typed, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  expect(await product?.stop()).toBe(0);
});

async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${product.webUrl}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return { context, page };
}

describe('a new listing from provider to resident', () => {
  it('the demo provider sees its organisation and listings, some not yet public', async () => {
    const { context, page } = await signedIn('provider@demo.care-assist.test');
    await page.getByRole('link', { name: 'Your listings' }).click();
    await page.waitForURL(/\/provider$/);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Chelmer Care Partnership');
    expect(main).toContain('Waiting for council review');
    expect(main).toContain('Draft');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'providers-01-portal');
    await context.close();
  });

  it('a provider creates a listing, is told what to fix, and submits it for review', async () => {
    const { context, page } = await signedIn('provider@demo.care-assist.test');
    await page.goto(`${product.webUrl}/provider`);
    await page.getByRole('link', { name: 'Add a listing' }).first().click();
    await page.waitForURL(/\/provider\/services\/new/);

    await page.getByLabel('Name of the service').fill(LISTING);
    await page.getByLabel('Summary').fill('Evening visits for company, a meal and help getting ready for bed.');
    await page.getByLabel('Description').fill('<b>Friendly</b> carers who stay for an hour or two.');
    await page.getByLabel('Home care').check();
    await page.getByLabel('Dementia').check();
    await page.getByLabel('Address line 1').fill('3 Writtle Road');
    await page.getByLabel('Town or city').fill('Chelmsford');
    await page.getByLabel('County').fill('Essex');
    await page.getByLabel('Postcode').fill('ZZ9 9ZZ');
    await page.getByLabel('Price per hour (£)').fill('2950');
    await page.getByRole('button', { name: 'Save draft' }).click();

    // An absurd price (pounds typed as pence), then an unknown postcode: each reported, nothing saved.
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.innerText()).toMatch(/price per hour between £1\.00 and £200\.00/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'providers-02-listing-errors');
    await page.getByLabel('Price per hour (£)').fill('29.50');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => summary.innerText()).toMatch(/full postcode/);
    await screenshot(page, 'providers-02b-unknown-postcode');

    await page.getByLabel('Postcode').fill('CM1 3AA');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/provider\/services\/[0-9a-f-]+\?created=1/);
    expect(await page.locator('main').innerText()).toContain('Draft');
    expect(await page.getByLabel('Price per hour (£)').inputValue()).toBe('29.50');
    await screenshot(page, 'providers-03-draft-saved');

    // Photos: a text file posing as an image and a missing description are refused; then a real PNG is added.
    const photoInput = page.getByLabel('Photo', { exact: true });
    await photoInput.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
    await page.getByLabel('Describe the photo').fill(PHOTO_ALT);
    await page.getByRole('button', { name: 'Upload photo' }).click();
    await expect.poll(() => summary.innerText()).toMatch(/must be a JPEG, PNG or WebP image/);
    expect(await page.getByLabel('Describe the photo').inputValue()).toBe(PHOTO_ALT);
    await photoInput.setInputFiles({
      name: 'team.png',
      mimeType: 'image/png',
      buffer: solidPng(160, 120, [79, 179, 169]),
    });
    await page.getByLabel('Describe the photo').fill('');
    await page.getByRole('button', { name: 'Upload photo' }).click();
    await expect.poll(() => summary.innerText()).toMatch(/Describe the photo in 3 to 300 characters/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'providers-03b-photo-errors');
    await photoInput.setInputFiles({
      name: 'team.png',
      mimeType: 'image/png',
      buffer: solidPng(160, 120, [79, 179, 169]),
    });
    await page.getByLabel('Describe the photo').fill(PHOTO_ALT);
    await page.getByRole('button', { name: 'Upload photo' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('Your photo is added');
    const uploaded = page.getByRole('img', { name: PHOTO_ALT });
    await expect.poll(() => uploaded.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);
    // Uploads are decoded and re-encoded (EXIF stripped): a PNG is served as WebP.
    expect(await uploaded.getAttribute('src')).toMatch(/^\/photos\/[0-9a-f-]{36}\.webp$/);
    await screenshot(page, 'providers-03c-photo-added');

    await page.goto(`${product.webUrl}/provider`);
    const row = page.locator('tr', { hasText: LISTING });
    await row.getByRole('button', { name: /Submit for review/ }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('has been sent to the council for review');
    expect(await row.innerText()).toContain('Waiting for council review');
    await screenshot(page, 'providers-04-submitted');
    await context.close();
  });

  it('a resident cannot see the verification queue', async () => {
    const { context, page } = await signedIn('resident@demo.care-assist.test');
    const response = await page.goto(`${product.webUrl}/council/verification`);
    expect(response?.status()).toBe(403);
    expect((await page.goto(`${product.webUrl}/council/claims`))?.status()).toBe(403);
    await context.close();
  });

  it('a moderator publishes it from the verification queue', async () => {
    const { context, page } = await signedIn('moderator@demo.care-assist.test');
    await page.getByRole('link', { name: 'Verification' }).click();
    await page.waitForURL(/\/council\/verification/);
    const item = page.locator('li.card', { hasText: LISTING });
    expect(await item.innerText()).toContain('Chelmer Care Partnership');
    expect(await item.innerText()).toMatch(/Check before publishing/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'providers-05-verification-queue');
    await item.getByRole('button', { name: /^Publish/ }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain(`${LISTING}: published`);
    await screenshot(page, 'providers-06-published');

    // The claims on CQC-imported organisations sit beside the listings (the demo has one pending claim).
    await page.getByRole('link', { name: 'Organisation claims' }).click();
    await page.waitForURL(/\/council\/claims$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Organisation claims');
    expect(await page.locator('main').innerText()).toContain('1 claim waiting for a decision.');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'providers-06b-claims');
    await context.close();
  });

  it('a resident then finds it by search, with the description shown as text', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // The API's outbox worker brings the index up to date within a few seconds.
    await expect
      .poll(
        async () => {
          await page.goto(`${product.webUrl}/search?q=${encodeURIComponent('Hylands Evening')}`);
          return page.locator('main').innerText();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toContain(LISTING);
    await screenshot(page, 'providers-07-found-by-search');
    await page.getByRole('link', { name: LISTING }).first().click();
    await page.waitForURL(/\/services\//);
    const main = await page.locator('main').innerText();
    expect(main).toContain('£29.50');
    // The photo comes through the web app, not from the API's address.
    const photo = page.getByRole('img', { name: PHOTO_ALT });
    expect(await photo.getAttribute('src')).toMatch(/^\/photos\/[0-9a-f-]{36}\.webp$/);
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'providers-08-service-page');
    await context.close();
  });
});
