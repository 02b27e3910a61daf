import { readFileSync, readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The API ships as plain JavaScript for Node. Our workspace packages are TypeScript source, so they are
// bundled in; every third-party package they use stays external and loads from node_modules (the embedded
// PostgreSQL and Meilisearch binaries, for two, are found next to their own packages). The operator CLIs are
// built too, so a production image runs them with plain node (see the Dockerfile).
const manifests = ['package.json', ...readdirSync('../../packages').map((p) => `../../packages/${p}/package.json`)];
const thirdParty = manifests.flatMap((file) => {
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string> | undefined>;
  return Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }).filter(
    (n) => !n.startsWith('@care-assist/'),
  );
});

export default defineConfig({
  entry: {
    server: 'src/server.ts',
    reindex: 'src/cli/reindex.ts',
    'import-cqc': 'src/cli/import-cqc.ts',
    'ratings-rebuild': 'src/cli/ratings-rebuild.ts',
    migrate: 'src/cli/migrate.ts',
    seed: 'src/cli/seed.ts',
    'search-key': 'src/cli/search-key.ts',
  },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  splitting: true,
  external: thirdParty,
  noExternal: [/^@care-assist\//],
});
