// Vitest global setup for the e2e project: picks the browser once for the run (CHROMIUM_PATH, a system
// Chromium, or the Chromium inside the @sparticuz/chromium npm package; see test/support/detect.ts), prints
// the choice, and hands its executable and flags to test/e2e/browser.ts.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { chooseBrowser } from '../support/detect.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    browser: { executablePath: string; args: string[]; source: string };
  }
}

/**
 * Flags of the packaged build that would make pages behave unlike a resident's browser (same-origin policy,
 * mixed content) or share one process between the tests' pages; everything else it needs to run headless is kept.
 */
const UNWANTED_PACKAGED_FLAGS = new Set([
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
  '--single-process',
]);

export default async function setup(project: TestProject) {
  const choice = chooseBrowser(process.env, existsSync);
  if (choice.source === 'packaged') {
    const { default: packaged } = await import('@sparticuz/chromium');
    // Unpacks the compressed binary into the temporary folder (once; later runs reuse it).
    const executablePath = await packaged.executablePath();
    const args = packaged.args.filter((flag) => !UNWANTED_PACKAGED_FLAGS.has(flag));
    project.provide('browser', { executablePath, args, source: 'packaged' });
    console.log(`[test services] Chromium: the @sparticuz/chromium package (${executablePath})`);
  } else {
    project.provide('browser', { executablePath: choice.executablePath, args: [], source: choice.source });
    console.log(`[test services] Chromium: ${choice.source} ${choice.executablePath}`);
  }
}
