// Writing to the search outbox. Call inside the transaction that changes the service, so the index can
// never miss a committed change nor see one that was rolled back. The worker reads the service's current
// state when it drains the row: published means upsert, anything else means remove from the index.
import { searchOutbox } from './schema/search-outbox.ts';
import type { Executor } from './client.ts';

export async function enqueueServiceSearchSync(tx: Executor, serviceIds: readonly string[]): Promise<void> {
  if (serviceIds.length === 0) return;
  await tx
    .insert(searchOutbox)
    .values([...new Set(serviceIds)].map((aggregateId) => ({ aggregate: 'service' as const, aggregateId })));
}
