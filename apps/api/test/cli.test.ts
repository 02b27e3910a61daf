// The operator CLIs behave like real tools: --help exits 0 and touches nothing, an unknown flag exits 2 with the
// usage, a missing file / bad DATABASE_URL / unreachable Meilisearch is one line without a stack trace and a
// non-zero exit, and `ratings:rebuild --check` reports a difference without changing anything.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { searchOutbox, serviceRatings } from '@care-assist/db';
import { makeOrganisation, makeService } from './helpers/factories.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const CLIS = {
  'db:migrate': 'apps/api/src/cli/migrate.ts',
  'db:seed': 'apps/api/src/cli/seed.ts',
  'import:cqc': 'apps/api/src/cli/import-cqc.ts',
  'ratings:rebuild': 'apps/api/src/cli/ratings-rebuild.ts',
  'search:reindex': 'apps/api/src/cli/reindex.ts',
  'search:key': 'apps/api/src/cli/search-key.ts',
  bench: 'apps/api/src/cli/bench.ts',
} as const;
type Cli = keyof typeof CLIS;

// Each run starts node with tsx, and the machine may be busy: allow minutes rather than seconds.
vi.setConfig({ testTimeout: 240_000 });

let scratch: string;
/** A DATA_DIR that must never be created: --help and usage errors touch nothing. */
let untouched: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'care-assist-cli-'));
  untouched = path.join(scratch, 'never-created');
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function run(cli: Cli, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLIS[cli], ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: untouched, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe.concurrent.each(Object.keys(CLIS) as Cli[])('npm run %s', (cli) => {
  it('--help prints the usage, exits 0 and touches nothing', async () => {
    const result = await run(cli, ['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run /);
    expect(existsSync(untouched)).toBe(false);
  });

  it('rejects an unknown flag with exit code 2 and the usage', async () => {
    const result = await run(cli, ['--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: Unknown option '--no-such-flag'");
    expect(result.stderr).toContain('Usage: npm run ');
    expect(existsSync(untouched)).toBe(false);
  });
});

describe.concurrent('one-line errors', () => {
  it('import:cqc names a missing file, touching no database', async () => {
    const result = await run('import:cqc', ['directory', path.join(scratch, 'missing.csv')], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(existsSync(untouched)).toBe(false);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `import:cqc: cannot read ${path.join(scratch, 'missing.csv')}: no such file, or no permission to read it`,
    );
  });

  it('import:cqc rejects an unknown layout and a missing argument with exit code 2', async () => {
    const layout = await run('import:cqc', ['spreadsheet', 'x.csv']);
    expect(layout.code).toBe(2);
    expect(layout.stderr).toContain("unknown layout 'spreadsheet'");
    const missing = await run('import:cqc', ['directory']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: missing argument');
  });

  it.each(['db:migrate', 'db:seed', 'ratings:rebuild', 'search:reindex'] as const)(
    '%s says in one line that DATABASE_URL cannot be reached',
    async (cli) => {
      const result = await run(cli, [], {
        DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none',
        DATA_DIR: path.join(scratch, cli),
      });
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^${cli}: Cannot reach the database at DATABASE_URL .*ECONNREFUSED`));
      expect(lines[0]).not.toContain('secret');
      noStackTrace(result.stderr);
    },
  );

  it('bench says in one line that the bench database cannot be reached', async () => {
    const result = await run('bench', ['--database-url', 'postgres://nobody@127.0.0.1:1/none']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^bench: cannot reach the bench database .*make it with npm run bench:data/);
    noStackTrace(result.stderr);
  });

  it('rejects a DATABASE_URL that is not a postgres:// URL in one line', async () => {
    const result = await run('db:migrate', [], { DATABASE_URL: 'mysql://localhost/x', DATA_DIR: scratch });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^db:migrate: Invalid configuration: \/DATABASE_URL/);
  });
});

describe('against a real database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('search:reindex says in one line that Meilisearch cannot be reached', async () => {
    const result = await run('search:reindex', [], {
      DATABASE_URL: database.url,
      MEILI_URL: 'http://127.0.0.1:1',
      MEILI_MASTER_KEY: 'x',
      DATA_DIR: scratch,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^search:reindex: cannot reach Meilisearch at http:\/\/127\.0\.0\.1:1/);
  });

  it('ratings:rebuild --check reports a wrong aggregate and changes nothing; without --check it repairs it', async () => {
    const db = database.handle.db;
    const service = await makeService(db, { organisationId: (await makeOrganisation(db)).id });
    // A stored aggregate that the (absent) reviews do not support.
    await db
      .update(serviceRatings)
      .set({ reviewCount: 7, meanOverall: 4.5, computedAt: new Date('2026-11-01T00:00:00Z') })
      .where(eq(serviceRatings.serviceId, service.id));
    const snapshot = async () => ({
      rating: (await db.select().from(serviceRatings).where(eq(serviceRatings.serviceId, service.id)))[0],
      outbox: (await db.select({ n: sql<number>`count(*)::int` }).from(searchOutbox))[0]!.n,
    });
    const before = await snapshot();

    const check = await run('ratings:rebuild', ['--check'], { DATABASE_URL: database.url, DATA_DIR: scratch });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('(--check: nothing changed)');
    expect(check.stdout).toContain(`${service.id} reviewCount: stored 7, computed 0`);
    expect(await snapshot()).toEqual(before);

    const rebuild = await run('ratings:rebuild', [], { DATABASE_URL: database.url, DATA_DIR: scratch });
    expect(rebuild.code).toBe(1); // it reports what it found, then repairs it
    const after = await snapshot();
    expect(after.rating!.reviewCount).toBe(0);
    expect(after.outbox).toBeGreaterThan(before.outbox);

    const again = await run('ratings:rebuild', ['--check'], { DATABASE_URL: database.url, DATA_DIR: scratch });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No differences');
  });
});
