// Vitest global setup for the integration project: one real Meilisearch process for the whole run.
// Each test file then works in its own index, so files never see each other's documents.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedMeilisearch } from '@care-assist/search';

declare module 'vitest' {
  export interface ProvidedContext {
    meiliUrl: string;
    meiliKey: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'care-assist-meili-'));
  const meili = await startEmbeddedMeilisearch({ dataDir });
  project.provide('meiliUrl', meili.url);
  project.provide('meiliKey', meili.apiKey);
  return async () => {
    await meili.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
