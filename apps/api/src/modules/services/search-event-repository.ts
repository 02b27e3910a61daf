// Drizzle writes for the anonymous search log (search_events), read later for the council's demand insight.
import { sql } from 'drizzle-orm';
import { searchEvents, type Database, type NewSearchEvent } from '@care-assist/db';

export function createSearchEventRepository(db: Database) {
  return {
    /**
     * Every search writes one row, so the commit does not wait for the disk (`synchronous_commit = off`, this
     * transaction only): a crash can lose the last moments of the anonymous log, never corrupt it, and a searcher
     * no longer waits the ~3.5 ms an fsync takes on a shared disk. Money, reviews and everything else keep the
     * default durable commit.
     */
    async record(event: NewSearchEvent): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local synchronous_commit = off`);
        await tx.insert(searchEvents).values(event);
      });
    },
  };
}
export type SearchEventRepository = ReturnType<typeof createSearchEventRepository>;
