import { defineConfig } from 'vitest/config';

// unit: pure code, no services. integration: real PostgreSQL and Meilisearch, found by test/setup/services.ts.
// e2e: the built product in Chromium, found by test/setup/browser.ts. `npm test` runs all three.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/api/src/**/*.test.ts',
            'test/support/**/*.test.ts',
            'apps/web/src/lib/*.test.ts',
            'apps/web/src/lib/server/*.test.ts',
            'apps/web/src/lib/server/insight/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts'],
          // Property tests run hundreds of cases: seconds on a quiet machine, more than the 5 s default on a busy
          // one (a budgets property took 6.8 s with other work running). Speed is the bench's job, not a unit test's.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['packages/*/src/**/*.int.test.ts', 'apps/api/test/**/*.test.ts'],
          globalSetup: ['test/setup/services.ts'],
          setupFiles: ['test/setup/no-queued-queries.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own database and search index; two cores, so keep concurrency modest.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/browser.ts'],
          setupFiles: ['test/e2e/fail-on-csp.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
