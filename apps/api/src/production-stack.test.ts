// The production stack, checked by reading it (Docker does not run where this is built and tested): what the
// README promises of docker-compose.yml and the Dockerfile (issue 12, "The production stack") holds in the files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { EMBEDDED_POSTGRES_MAJOR } from '@care-assist/db';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Service {
  build?: unknown;
  image?: string;
  pull_policy?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  networks?: Record<string, { ipv4_address?: string }>;
}
const compose = YAML.parse(read('docker-compose.yml')) as {
  services: Record<string, Service>;
  networks: { default: { ipam: { config: { subnet: string }[] } } };
};
const { api, web, postgres, meilisearch } = compose.services;
const dockerfile = read('Dockerfile');
/** `${NAME:-default}` → default; anything else as it is. */
const defaultOf = (value: string | number | undefined) => String(value).replace(/^\$\{[A-Z_]+:-(.*)\}$/, '$1');

describe('docker-compose.yml', () => {
  it('builds one image once, for both the API and the web app', () => {
    expect(api!.build).toBeDefined();
    expect(web!.build).toBeUndefined();
    expect(web!.image).toBe(api!.image);
    expect(web!.pull_policy).toBe('never');
    expect(api!.command).toEqual(['node', 'apps/api/dist/server.js']);
    expect(web!.command).toEqual(['node', 'apps/web/build/index.js']);
  });

  it(`runs PostgreSQL ${EMBEDDED_POSTGRES_MAJOR}, the embedded server's major version`, () => {
    expect(postgres!.image).toBe(`postgres:${EMBEDDED_POSTGRES_MAJOR}`);
  });

  it('gives the API the database in parts (no URL-encoding) and a scoped Meilisearch key, never the master key', () => {
    const env = api!.environment!;
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['PGHOST', 'PGUSER', 'PGPASSWORD', 'PGDATABASE']));
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.MEILI_MASTER_KEY).toBeUndefined();
    expect(env.MEILI_API_KEY).toBeDefined();
    expect(meilisearch!.environment!.MEILI_MASTER_KEY).toBeDefined();
  });

  it('starts the API whatever state Meilisearch is in (search falls back to PostgreSQL)', () => {
    expect(api!.depends_on!.meilisearch).toEqual({ condition: 'service_started', required: false });
    expect(api!.depends_on!.postgres!.condition).toBe('service_healthy');
  });

  it('snapshots Meilisearch into its volume', () => {
    expect(Number(defaultOf(meilisearch!.environment!.MEILI_SCHEDULE_SNAPSHOT))).toBeGreaterThan(0);
    expect(meilisearch!.volumes).toContain('meili-data:/meili_data');
  });

  it('lets only the web container forward residents’ addresses, and the web app reads the proxy’s header', () => {
    const webAddress = defaultOf(Object.values(web!.networks!)[0]!.ipv4_address);
    expect(defaultOf(api!.environment!.TRUST_PROXY)).toBe(webAddress);
    const [subnet] = compose.networks.default.ipam.config;
    expect(webAddress.split('.').slice(0, 3)).toEqual(subnet!.subnet.split('.').slice(0, 3));
    expect(defaultOf(web!.environment!.ADDRESS_HEADER)).toBe('X-Forwarded-For');
    expect(Number(defaultOf(web!.environment!.XFF_DEPTH))).toBe(1);
  });

  it('keeps photos in a named volume at the data folder the image makes writable for the node user', () => {
    expect(api!.volumes).toContain(`api-data:${api!.environment!.DATA_DIR}`);
    expect(dockerfile).toMatch(new RegExp(`mkdir -p ${api!.environment!.DATA_DIR} && chown node:node`));
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('names in .env.example every variable it requires', () => {
    const required = [...read('docker-compose.yml').matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]!);
    expect(required.length).toBeGreaterThan(0);
    const example = read('.env.example');
    for (const name of required) expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});

describe('Dockerfile', () => {
  it('puts every operator CLI on PATH as built JavaScript that tsup builds', () => {
    const list = /for cli in ([^;]+);/s.exec(dockerfile)![1]!.replace(/\\\n/g, ' ').trim().split(/\s+/);
    const built = /entry: \{([^}]+)\}/s.exec(read('apps/api/tsup.config.ts'))![1]!;
    const entries = [...built.matchAll(/'?([a-z-]+)'?: 'src\//g)].map((m) => m[1]);
    const commands = list.map((pair) => pair.split(':')[0]);
    for (const pair of list) expect(entries, pair).toContain(pair.split(':')[1]);
    // The README's production section documents these commands.
    expect(commands).toEqual(
      expect.arrayContaining([
        'db-migrate',
        'db-seed',
        'import-cqc',
        'ratings-rebuild',
        'search-reindex',
        'search-key',
      ]),
    );
    for (const command of commands) expect(read('README.md'), command).toContain(`\`${command}\``);
    expect(dockerfile).toContain('exec node /app/apps/api/dist/%s.js');
  });
});
