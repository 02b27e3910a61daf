// Finds the service behind a service_at_location id. Those ids are name-based UUIDs of the service id (ids.ts),
// which cannot be reversed, so we keep a map from each published service's derived id to the service, built
// from the list of published ids (at 50,000 services: one indexed scan and 50,000 SHA-1s, about 0.1 s). An id
// the map does not know rebuilds it, at most every few seconds, so a newly published service is found at once
// and a stream of unknown ids cannot make every request rebuild it.
import { derivedId } from './ids.ts';

const REBUILD_AT_MOST_EVERY_MS = 5_000;

export function createServiceAtLocationIndex(publishedServiceIds: () => Promise<string[]>) {
  let index = new Map<string, string>();
  let builtAt = Number.NEGATIVE_INFINITY;
  let building: Promise<void> | null = null;

  function rebuild(): Promise<void> {
    building ??= publishedServiceIds()
      .then((ids) => {
        index = new Map(ids.map((id) => [derivedId('service_at_location', id), id]));
        builtAt = Date.now();
      })
      .finally(() => (building = null));
    return building;
  }

  return {
    /** The id of the service this service_at_location belongs to, or undefined. */
    async serviceFor(serviceAtLocationId: string): Promise<string | undefined> {
      const known = index.get(serviceAtLocationId);
      if (known) return known;
      if (Date.now() - builtAt >= REBUILD_AT_MOST_EVERY_MS) await rebuild();
      return index.get(serviceAtLocationId);
    },
  };
}
