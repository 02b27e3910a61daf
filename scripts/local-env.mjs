// The defaults `npm start` and `npm run dev` share: the repository root, the two ports and the data folder, with
// the demo data seeded into an empty database. Anything set in the environment wins.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The environment for a local run: these defaults, then `extra`, then whatever the caller's environment sets. */
export function localEnv(extra = {}) {
  return {
    WEB_PORT: '3000',
    API_PORT: '3001',
    DATA_DIR: path.join(root, 'data'),
    SEED_DEMO_DATA: 'true',
    ...extra,
    ...process.env,
  };
}
