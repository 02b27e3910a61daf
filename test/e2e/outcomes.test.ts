// Outcomes in the browser: the demo resident is asked (in-app notification) for her 6-week outcomes
// questionnaire, answers it, and council staff see it counted; her unpaid carer answers the carer's version
// of the questionnaire with JavaScript switched off; council staff record care the council arranged itself, then
// what the person said at a review and an admission. Axe on every page; screenshots at 375 px and desktop.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startProduct, type RunningProduct } from './product.ts';

let product: RunningProduct;
let browser: Browser;
const contexts: BrowserContext[] = [];
let resident: Page;
let admin: Page;
let answeredBefore = 0;
/** The path of the resident's 6-week questionnaire, which her carer is asked about too. */
let questionnairePath = '';

const PASSWORD = 'CareAssist-demo-2026';

async function signIn(email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${product.webUrl}/login`);
  if (options.javaScriptEnabled !== false) await page.waitForLoadState('networkidle');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 90_000 });
  return page;
}

async function answeredTotal(page: Page): Promise<number> {
  await page.goto(`${product.webUrl}/council/outcomes`);
  return Number(await page.getByTestId('outcome-total-reviews').innerText());
}

/** Picks one radio button in the fieldset whose legend is `question`. */
async function choose(page: Page, question: string | RegExp, answer: string | RegExp) {
  await page
    .getByRole('group', { name: question })
    .getByLabel(answer, { exact: typeof answer === 'string' })
    .check();
}

async function answerPersonQuestions(page: Page) {
  await choose(page, /Overall, how satisfied/, 'Quite satisfied');
  await choose(
    page,
    'How much control do you have over your daily life?',
    'I have adequate control over my daily life',
  );
  await choose(page, 'How clean and presentable do you feel?', 'I feel adequately clean and presentable');
  await choose(page, 'How safe do you feel?', 'Prefer not to say');
  await choose(
    page,
    'How much contact do you have with people you like?',
    /some social contact with people, but not enough/,
  );
  await choose(page, 'How do you spend your time?', /enough of the things I value or enjoy/);
}

beforeAll(async () => {
  product = await startProduct();
  browser = await launchBrowser();
  admin = await signIn('admin@demo.care-assist.test');
  answeredBefore = await answeredTotal(admin);
  resident = await signIn('resident@demo.care-assist.test');
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  expect(await product?.stop()).toBe(0);
});

describe('outcomes questionnaires', () => {
  it('the council sees the demo outcomes on its outcomes page', async () => {
    expect(answeredBefore).toBeGreaterThan(100);
    await admin.goto(`${product.webUrl}/council/outcomes`);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'outcomes-01-council-before');
  });

  it('the resident is notified that her 6-week questionnaire is due and opens it', async () => {
    await resident.goto(`${product.webUrl}/notifications`);
    const link = resident.getByRole('link', { name: /How is your care from .* going\? .*6-week review/ });
    expect(await link.count()).toBe(1);
    await link.click();
    await resident.waitForURL(/\/outcomes\/[0-9a-f-]{36}\/week_6$/);
    questionnairePath = new URL(resident.url()).pathname;
    expect(await resident.locator('h1').innerText()).toBe('How is your care going?');
    expect(await accessibilityViolations(resident)).toEqual([]);
    await screenshot(resident, 'outcomes-02-questionnaire-desktop');
    await resident.setViewportSize({ width: 375, height: 800 });
    expect(await accessibilityViolations(resident)).toEqual([]);
    await screenshot(resident, 'outcomes-03-questionnaire-375');
    const overflow = await resident.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
  });

  it('a question left out is shown next to it, and nothing is recorded', async () => {
    await choose(resident, /Overall, how satisfied/, 'Quite satisfied');
    await resident.getByRole('button', { name: 'Send my answers' }).click();
    await resident.waitForLoadState('networkidle');
    const summary = resident.getByRole('alert');
    expect(await summary.innerText()).toMatch(/There is a problem/);
    expect(await summary.getByRole('link').count()).toBe(5);
    expect(await accessibilityViolations(resident)).toEqual([]);
    await screenshot(resident, 'outcomes-04-questionnaire-errors-375');
    expect(await answeredTotal(admin)).toBe(answeredBefore);
  });

  it('she answers, sees her answers, and the council sees them counted', async () => {
    await resident.setViewportSize({ width: 1280, height: 900 });
    await answerPersonQuestions(resident);
    await resident.getByRole('button', { name: 'Send my answers' }).click();
    await resident.waitForURL(/\?sent=1$/);
    expect(await resident.getByTestId('outcome-thanks').innerText()).toMatch(/Thank you, your answers are recorded/);
    const answers = await resident.getByTestId('outcome-answers').innerText();
    expect(answers).toMatch(/Quite satisfied/);
    expect(answers).toMatch(/How safe do you feel\?\s*Prefer not to say/);
    expect(await accessibilityViolations(resident)).toEqual([]);
    await screenshot(resident, 'outcomes-05-answered');

    expect(await answeredTotal(admin)).toBe(answeredBefore + 1);
    const latest = await admin.getByTestId('latest-outcomes').locator('tbody tr').first().innerText();
    expect(latest).toMatch(/6-week review\s+The person receiving care\s+4/);
    await screenshot(admin, 'outcomes-06-council-after');
  });

  it('sending the form again does not record a second answer', async () => {
    await resident.goBack();
    await resident.waitForLoadState('networkidle');
    expect(await answeredTotal(admin)).toBe(answeredBefore + 1);
  });

  it('her carer is asked too: the carer version of the questionnaire passes axe', async () => {
    const carer = await signIn('reviewer1@demo.care-assist.test');
    await carer.goto(`${product.webUrl}${questionnairePath}`);
    expect(await carer.locator('h1').innerText()).toBe('How is the care going for the person you look after?');
    expect(await carer.getByRole('group', { name: 'How much strain do you feel from caring?' }).count()).toBe(1);
    expect(await accessibilityViolations(carer)).toEqual([]);
    await screenshot(carer, 'outcomes-07-carer-questionnaire');
  });

  it('her carer answers without JavaScript', async () => {
    // axe needs JavaScript in the page, so this page was checked above with JavaScript on.
    const carer = await signIn('reviewer1@demo.care-assist.test', { javaScriptEnabled: false });
    await carer.goto(`${product.webUrl}/notifications`);
    // The demo carer may be asked about other people's care too: follow the one for the resident's booking.
    const link = carer.locator(`main a[href="${questionnairePath}"]`);
    expect(await link.innerText()).toMatch(/How is the care of the person you look after from .* going\?/);
    await link.click();
    await carer.waitForURL((url) => url.pathname === questionnairePath);
    await answerPersonQuestions(carer);
    await choose(carer, 'How satisfied are you with the support you get as a carer?', 'Quite dissatisfied');
    await choose(carer, 'How much strain do you feel from caring?', 'I feel some strain from caring');
    await carer.getByRole('button', { name: 'Send my answers' }).click();
    await carer.waitForURL(/\?sent=1$/);
    expect(await carer.getByTestId('outcome-answers').innerText()).toMatch(/Strain from caring\s*I feel some strain/);
    await screenshot(carer, 'outcomes-08-carer-answered-no-js');
    expect(await answeredTotal(admin)).toBe(answeredBefore + 2);
  });
  it('council staff record council-arranged care, the answers given at a review and an admission', async () => {
    const reference = `E2E-${Date.now().toString().slice(-6)}`;
    const started = new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10);
    // Any published home care service near Chelmsford: staff name it by the end of its page's address.
    await admin.goto(`${product.webUrl}/search?postcode=CM1&care_type=home_care`);
    const first = admin.locator('a[href^="/services/"]').first();
    const slug = (await first.getAttribute('href'))!.replace('/services/', '');
    const serviceName = (await first.innerText()).trim();
    await admin.goto(`${product.webUrl}/council/outcomes`);
    await admin.getByLabel('Case reference').fill(reference);
    await admin.getByLabel("Service's address on Care Assist").fill(slug);
    await admin.getByLabel('Type of care').selectOption('home_care');
    await admin.getByLabel('Started on').fill(started);
    await admin.getByRole('button', { name: 'Record care' }).click();
    await admin.getByRole('link', { name: 'Record its outcomes and admissions' }).click();
    await admin.waitForURL(/\/council\/outcomes\/[0-9a-f-]{36}$/);
    expect(await admin.locator('h1').innerText()).toBe(`${reference} with ${serviceName}`);
    expect(await admin.getByText('None yet.').count()).toBe(1);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'outcomes-08-council-package');

    // Started 100 days ago: the 6-week review is due (and offered first), the 3-month one too.
    await admin.getByLabel('Review point').selectOption('week_6');
    await choose(admin, 'Who answered?', 'The person receiving care');
    await answerPersonQuestions(admin);
    await admin.getByRole('button', { name: 'Record answers' }).click();
    await admin.waitForLoadState('networkidle');
    expect(await admin.getByText('Answers recorded.').count()).toBe(1);
    const answers = admin.getByTestId('package-answers');
    expect(await answers.locator('tbody tr').count()).toBe(1);
    expect(await answers.innerText()).toMatch(/6-week review\s+The person receiving care\s+Quite satisfied/i);

    await admin.getByLabel('Admitted to').selectOption('hospital');
    await admin.getByLabel('Date of admission').fill(new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10));
    await admin.getByRole('button', { name: 'Record admission' }).click();
    await admin.waitForLoadState('networkidle');
    expect(await admin.getByTestId('package-admissions').innerText()).toMatch(/^Hospital on \d{4}-\d{2}-\d{2}$/);
    await admin.setViewportSize({ width: 375, height: 800 });
    expect(await accessibilityViolations(admin)).toEqual([]);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await screenshot(admin, 'outcomes-09-council-package-375');
    await admin.setViewportSize({ width: 1280, height: 900 });
  });
});
