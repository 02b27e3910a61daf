// Chromium driven by playwright-core, with flags that suit a machine without network access. Which Chromium
// (CHROMIUM_PATH, the system's, or the npm-packaged one) is decided once per run by test/setup/browser.ts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts/e2e');

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = inject('browser');
  return chromium.launch({
    executablePath: browser.executablePath,
    headless: true,
    args: [
      ...browser.args,
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
