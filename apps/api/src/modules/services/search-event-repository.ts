// Drizzle writes for the anonymous search log (search_events), read later for the council's demand insight.
import { searchEvents, type Database, type Executor, type NewSearchEvent } from '@care-assist/db';

export function createSearchEventRepository(db: Database) {
  return {
    async record(event: NewSearchEvent, tx: Executor = db): Promise<void> {
      await tx.insert(searchEvents).values(event);
    },
  };
}
export type SearchEventRepository = ReturnType<typeof createSearchEventRepository>;
