// A Meilisearch API key scoped to what the API does, so a running API never holds the master key: search, read
// and write documents, create/configure/swap/delete indexes (reindexing builds a copy and swaps it in), read
// task status. It cannot manage keys, take dumps or snapshots, or change instance settings. It covers all
// indexes ('*') because Meilisearch shows an index swap's task (which belongs to no single index) only to keys
// with access to every index, and reindexing waits on that task. Created once by an operator with the master key.
import { Meilisearch } from 'meilisearch';

export const API_KEY_ACTIONS = [
  'search',
  'documents.add',
  'documents.get',
  'documents.delete',
  'indexes.create',
  'indexes.get',
  'indexes.update',
  'indexes.delete',
  'indexes.swap',
  'settings.get',
  'settings.update',
  'tasks.get',
  'stats.get',
] as const;

export async function createScopedApiKey(options: {
  url: string;
  masterKey: string;
  indexName: string;
}): Promise<{ key: string; uid: string }> {
  const client = new Meilisearch({ host: options.url, apiKey: options.masterKey, timeout: 10_000 });
  const created = await client.createKey({
    name: `care-assist-api-${options.indexName}`,
    description: `Care Assist API: the ${options.indexName} index and its reindex copies`,
    actions: [...API_KEY_ACTIONS],
    indexes: ['*'],
    expiresAt: null,
  });
  return { key: created.key, uid: created.uid };
}
