// The scoped key is enough for everything the API does with its index (init, reindex with swap, search) and
// opens nothing else: key management and dumps are refused.
import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { describe, expect, inject, it } from 'vitest';
import { createMeiliSearchIndex } from './meili-index.ts';
import { createScopedApiKey } from './meili-keys.ts';

describe('createScopedApiKey', () => {
  it('lets the API run its index, and not manage keys or take dumps', async () => {
    const url = inject('meiliUrl');
    const indexName = `services_key_${randomBytes(4).toString('hex')}`;
    const { key } = await createScopedApiKey({ url, masterKey: inject('meiliKey'), indexName });
    expect(key).not.toBe(inject('meiliKey'));

    const search = createMeiliSearchIndex({ url, apiKey: key, indexName });
    await search.init();
    await search.reindex(
      (async function* () {
        yield [];
      })(),
    );
    const result = await search.search({ sort: 'relevance', offset: 0, limit: 5 });
    expect(result.total).toBe(0);

    const scoped = new Meilisearch({ host: url, apiKey: key });
    await expect(scoped.getKeys()).rejects.toThrow(/not authorized|forbidden|invalid/i);
    await expect(scoped.createDump()).rejects.toThrow(/not authorized|forbidden|invalid/i);
  });
});
