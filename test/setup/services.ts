// Vitest global setup for the integration project: finds PostgreSQL and Meilisearch once for the whole run
// (in the order of test/support/detect.ts), prints what it chose, and hands the addresses to the test files.
// Each file then creates its own database and its own search index, so files never see each other's data.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { makeTempDataDir, startEmbeddedPostgres } from '@care-assist/db';
import { startEmbeddedMeilisearch } from '@care-assist/search';
import { chooseDatabase, chooseMeilisearch, describeUrl } from '../support/detect.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL on the chosen server; test files create and drop their own databases through it. */
    databaseAdminUrl: string;
    meiliUrl: string;
    meiliKey: string;
  }
}

async function answers(adminUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export default async function setup(project: TestProject) {
  const cleanups: (() => Promise<void>)[] = [];

  const database = await chooseDatabase(process.env, answers);
  if (database.source === 'embedded') {
    const dir = await makeTempDataDir('care-assist-test-pg-');
    const embedded = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), database: 'postgres', durable: false });
    cleanups.push(async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    });
    project.provide('databaseAdminUrl', embedded.url);
    console.log(`[test services] PostgreSQL: embedded for this run on 127.0.0.1:${embedded.port} (${dir})`);
  } else {
    project.provide('databaseAdminUrl', database.adminUrl);
    console.log(`[test services] PostgreSQL: ${database.source} ${describeUrl(database.adminUrl)}`);
  }

  const meili = chooseMeilisearch(process.env);
  if (meili.source === 'bundled') {
    const dataDir = await makeTempDataDir('care-assist-meili-');
    const embedded = await startEmbeddedMeilisearch({ dataDir });
    cleanups.push(async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
    project.provide('meiliUrl', embedded.url);
    project.provide('meiliKey', embedded.apiKey);
    console.log(`[test services] Meilisearch: the bundled binary on ${embedded.url}`);
  } else {
    project.provide('meiliUrl', meili.url);
    project.provide('meiliKey', meili.apiKey);
    console.log(`[test services] Meilisearch: MEILI_URL ${meili.url}`);
  }

  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
}
