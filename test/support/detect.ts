// Which services a test run uses, decided once per run and printed, so the same `npm test` works on a machine
// with a PostgreSQL server and Chromium installed (the team's) and on one with nothing but Node.js (a newcomer's,
// CI's). Pure decisions with the probes passed in, so the order itself is unit-tested (detect.test.ts).
//
// Switches (environment):
//   TEST_DATABASE_URL   use this server (an admin URL; each test file creates its own database on it)
//   TEST_DB=embedded    skip the probe and start an embedded PostgreSQL for the run (CI proves this path)
//   TEST_DB_PROBE       host:port probed for a local server (default 127.0.0.1:5432)
//   MEILI_URL (+ MEILI_MASTER_KEY)  use this Meilisearch instead of the bundled binary
//   CHROMIUM_PATH       use this browser executable
//   TEST_BROWSER=packaged  ignore any system Chromium and use the @sparticuz/chromium package

export type DatabaseChoice =
  | { source: 'TEST_DATABASE_URL'; adminUrl: string }
  | { source: 'local server'; adminUrl: string }
  | { source: 'embedded' };

export type MeilisearchChoice = { source: 'MEILI_URL'; url: string; apiKey: string } | { source: 'bundled' };

export type BrowserChoice =
  | { source: 'CHROMIUM_PATH'; executablePath: string }
  | { source: 'system'; executablePath: string }
  | { source: 'packaged' };

type Env = Record<string, string | undefined>;

export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** `probe` answers whether a PostgreSQL server accepts the given admin URL. */
export async function chooseDatabase(env: Env, probe: (adminUrl: string) => Promise<boolean>): Promise<DatabaseChoice> {
  if (env.TEST_DATABASE_URL) return { source: 'TEST_DATABASE_URL', adminUrl: env.TEST_DATABASE_URL };
  if (env.TEST_DB === 'embedded') return { source: 'embedded' };
  const adminUrl = `postgres://postgres@${env.TEST_DB_PROBE || '127.0.0.1:5432'}/postgres`;
  if (await probe(adminUrl)) return { source: 'local server', adminUrl };
  return { source: 'embedded' };
}

export function chooseMeilisearch(env: Env): MeilisearchChoice {
  if (env.MEILI_URL) return { source: 'MEILI_URL', url: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY ?? '' };
  return { source: 'bundled' };
}

export function chooseBrowser(env: Env, exists: (file: string) => boolean): BrowserChoice {
  if (env.CHROMIUM_PATH) return { source: 'CHROMIUM_PATH', executablePath: env.CHROMIUM_PATH };
  if (env.TEST_BROWSER !== 'packaged') {
    const found = SYSTEM_CHROMIUM_PATHS.find(exists);
    if (found) return { source: 'system', executablePath: found };
  }
  return { source: 'packaged' };
}

/** The admin URL without its password, for the one line each run prints. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
