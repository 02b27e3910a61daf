// Chromium driven by playwright-core, with flags that suit a machine without network access. Which Chromium
// (CHROMIUM_PATH, the system's, or the npm-packaged one) is decided once per run by test/setup/browser.ts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts/e2e');

const cspViolations: string[] = [];

/** The CSP violations logged since the last call (test/e2e/fail-on-csp.ts fails a test that has any). */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

/** Chromium logs each refused inline style or script as a console error naming the Content Security Policy. */
function watchForCspViolations(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    context.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) {
        cspViolations.push(`${message.location().url}: ${message.text()}`);
      }
    });
    return context;
  };
  return browser;
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const choice = inject('browser');
  const browser = await chromium.launch({
    executablePath: choice.executablePath,
    headless: true,
    args: [
      ...choice.args,
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ].filter((flag, i, all) => all.indexOf(flag) === i),
  });
  return watchForCspViolations(browser);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // The first screenful is what a person sees; the full page is kept beside it for review.
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-full.png`), fullPage: true });
}

/** WCAG 2.2 A/AA violations that axe can detect automatically, as "rule: target" strings. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}
