// Production configuration paths: secrets from *_FILE, the database from PG* parts (no URL-encoding needed),
// and the scoped Meilisearch key preferred over the master key.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'care-assist-config-'));
const base = { DATA_DIR: dir, JWT_SECRET: 'x'.repeat(40) };

describe('loadConfig', () => {
  it('reads a secret from <NAME>_FILE, trimmed', () => {
    const file = path.join(dir, 'jwt');
    writeFileSync(file, `${'s'.repeat(48)}\n`);
    const config = loadConfig({ DATA_DIR: dir, NODE_ENV: 'production', JWT_SECRET_FILE: file });
    expect(config.jwtSecret).toBe('s'.repeat(48));
  });

  it('refuses an unreadable *_FILE, and a secret given both ways', () => {
    expect(() => loadConfig({ ...base, PGPASSWORD_FILE: path.join(dir, 'missing') })).toThrow(ConfigError);
    const file = path.join(dir, 'pw');
    writeFileSync(file, 'p');
    expect(() => loadConfig({ ...base, PGPASSWORD: 'a', PGPASSWORD_FILE: file })).toThrow(/not both/);
  });

  it('builds the database URL from PG* parts, encoding any password', () => {
    const config = loadConfig({ ...base, PGHOST: 'postgres', PGUSER: 'care_assist', PGPASSWORD: 'p@ss:w/rd#1%' });
    expect(config.databaseUrl).toBe('postgres://care_assist:p%40ss%3Aw%2Frd%231%25@postgres:5432/care_assist');
    expect(new URL(config.databaseUrl!).password).toBe(encodeURIComponent('p@ss:w/rd#1%'));
    // DATABASE_URL wins; neither means the embedded server.
    expect(loadConfig({ ...base, PGHOST: 'h', DATABASE_URL: 'postgres://a@b/c' }).databaseUrl).toBe('postgres://a@b/c');
    expect(loadConfig(base).databaseUrl).toBeUndefined();
  });

  it('uses MEILI_API_KEY over the master key', () => {
    expect(loadConfig({ ...base, MEILI_MASTER_KEY: 'm', MEILI_API_KEY: 'scoped' }).meili.apiKey).toBe('scoped');
    expect(loadConfig({ ...base, MEILI_MASTER_KEY: 'm' }).meili.apiKey).toBe('m');
  });
});
