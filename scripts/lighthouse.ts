// `npm run lighthouse`: Lighthouse (mobile emulation, its default) on the pages residents use most, against the
// built product started exactly as `npm start` does (embedded PostgreSQL, bundled Meilisearch, demo data) on free
// ports, in the Chromium packaged in @sparticuz/chromium (the one the browser tests use). Signed-in pages get the
// demo account's session cookie. Writes each report (HTML) and a summary (JSON and Markdown) under
// reports/lighthouse/, prints a table, and puts the table in the README between the lighthouse markers.
//
// Scores depend on the machine: Lighthouse simulates a slow phone from what it observes, so a busy CPU shows as
// blocking time. The load average before and after is recorded with the scores; measure when `uptime` is quiet.
//   LIGHTHOUSE_RUNS=3   runs per page (the median performance run is kept; default 1)
//   LIGHTHOUSE_PAGES=home,service   only these pages
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import chromium from '@sparticuz/chromium';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { SearchResponse } from '@care-assist/domain';
import { startProduct, type RunningProduct } from '../test/e2e/product.ts';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'reports/lighthouse');
const PASSWORD = 'CareAssist-demo-2026';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 1));
/** The packaged build's flags that would make it behave unlike a resident's browser (see test/setup/browser.ts). */
const UNWANTED_FLAGS = new Set([
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
  '--single-process',
]);

interface PageToMeasure {
  name: string;
  path: string;
  /** Demo account to sign in as, or none. */
  as?: string;
}

async function pagesToMeasure(product: RunningProduct): Promise<PageToMeasure[]> {
  const res = await fetch(`${product.apiUrl}/api/v1/services?postcode=CM1&care_type=home_care&funding=personal_budget`);
  const { items } = (await res.json()) as SearchResponse;
  const [first] = items;
  if (!first) throw new Error('The demo data has no home care near CM1 that takes personal budgets');
  const ids = items.slice(0, 3).map((s) => s.id);
  return [
    { name: 'home', path: '/' },
    { name: 'search results', path: '/search?where=Chelmsford&care_type=home_care' },
    { name: 'service', path: `/services/${first.slug}` },
    { name: 'compare', path: `/compare?ids=${ids.join(',')}` },
    { name: 'review form', path: `/services/${first.slug}/review`, as: 'resident' },
    { name: 'request a quote', path: `/services/${first.slug}/request-quote`, as: 'budget.holder' },
    { name: 'budget', path: '/budget', as: 'budget.holder' },
  ];
}

/** Signs in through the web app's own form and returns the session cookies as a Cookie header. */
async function sessionCookie(product: RunningProduct, account: string): Promise<string> {
  const res = await fetch(`${product.webUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: product.webUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: `${account}@demo.care-assist.test`, password: PASSWORD }),
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (cookies.length === 0) throw new Error(`Could not sign in as ${account} (HTTP ${res.status})`);
  return cookies.join('; ');
}

type Scores = Record<(typeof CATEGORIES)[number], number>;
interface Measured {
  name: string;
  path: string;
  scores: Scores;
  totalBlockingTimeMs: number;
  largestContentfulPaintMs: number;
  scriptKb: number;
  failedAudits: string[];
  report: string;
}

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');

async function main() {
  const only = process.env.LIGHTHOUSE_PAGES?.split(',').map((s) => s.trim());
  mkdirSync(outDir, { recursive: true });
  const loadBefore = loadAverage();
  console.log(`Load average before: ${loadBefore} (${os.cpus().length} cores)`);
  const product = await startProduct();
  const chrome = await chromeLauncher.launch({
    chromePath: await chromium.executablePath(),
    chromeFlags: [
      ...chromium.args.filter((flag) => !UNWANTED_FLAGS.has(flag)),
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
    ],
  });
  const results: Measured[] = [];
  try {
    for (const page of await pagesToMeasure(product)) {
      if (only && !only.includes(page.name)) continue;
      const extraHeaders = page.as ? { Cookie: await sessionCookie(product, page.as) } : undefined;
      const runs = [];
      for (let run = 0; run < RUNS; run++) {
        const result = await lighthouse(`${product.webUrl}${page.path}`, {
          port: chrome.port,
          output: 'html',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
          extraHeaders,
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${page.name}`);
        runs.push(result);
      }
      runs.sort((a, b) => (a.lhr.categories.performance?.score ?? 0) - (b.lhr.categories.performance?.score ?? 0));
      const { lhr, report } = runs[Math.floor(runs.length / 2)]!;
      if (lhr.runtimeError) throw new Error(`${page.name}: ${lhr.runtimeError.message}`);
      const file = `${page.name.replace(/\s+/g, '-')}.html`;
      writeFileSync(path.join(outDir, file), Array.isArray(report) ? report[0]! : report);
      const scripts = (
        lhr.audits['resource-summary']?.details as { items?: { resourceType: string; transferSize: number }[] }
      )?.items?.find((item) => item.resourceType === 'script');
      const measured: Measured = {
        name: page.name,
        path: page.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '…'),
        scores: Object.fromEntries(
          CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
        ) as Scores,
        totalBlockingTimeMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
        largestContentfulPaintMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
        scriptKb: Math.round((scripts?.transferSize ?? 0) / 1024),
        failedAudits: Object.values(lhr.audits)
          .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
          .filter((a) => a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
          .map((a) => a.id),
        report: file,
      };
      results.push(measured);
      console.log(`${page.name}: ${JSON.stringify(measured.scores)} TBT ${measured.totalBlockingTimeMs} ms`);
    }
  } finally {
    chrome.kill();
    await product.stop();
  }
  const loadAfter = loadAverage();
  const summary = {
    measuredAt: new Date().toISOString(),
    lighthouse: (
      JSON.parse(readFileSync(path.join(root, 'node_modules/lighthouse/package.json'), 'utf8')) as { version: string }
    ).version,
    chromium: execFileSync(await chromium.executablePath(), ['--version'])
      .toString()
      .trim(),
    formFactor: 'mobile (Lighthouse default emulation and simulated throttling)',
    runsPerPage: RUNS,
    loadAverage: { before: loadBefore, after: loadAfter, cores: os.cpus().length },
    pages: results,
  };
  writeFileSync(path.join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const table = [
    '| Page | Performance | Accessibility | Best practices | SEO | Total blocking time | LCP | JavaScript |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.scores.performance} | ${r.scores.accessibility} | ${r.scores['best-practices']} | ${r.scores.seo} | ${r.totalBlockingTimeMs} ms | ${(r.largestContentfulPaintMs / 1000).toFixed(1)} s | ${r.scriptKb} KB |`,
    ),
    '',
    `Measured ${summary.measuredAt.slice(0, 16).replace('T', ' ')} UTC with Lighthouse ${summary.lighthouse} (${summary.formFactor}), ` +
      `${summary.chromium}, ${RUNS} run(s) a page; load average ${loadBefore} before and ${loadAfter} after on ${summary.loadAverage.cores} cores.`,
  ].join('\n');
  writeFileSync(path.join(outDir, 'summary.md'), `${table}\n`);
  console.log(`\n${table}\n`);
  for (const r of results)
    if (r.failedAudits.length > 0) console.log(`${r.name}: below 90: ${r.failedAudits.join(', ')}`);

  const readme = path.join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const marked = /(<!-- lighthouse:start -->\n)[\s\S]*?(<!-- lighthouse:end -->)/;
  if (marked.test(text) && !only) writeFileSync(readme, text.replace(marked, `$1${table}\n$2`));
}

await main();
