// Drizzle queries for the anonymous listing activity counts: the daily counters (service_daily_activity), the
// day's viewer hashes (service_page_viewers) and the day's salt (page_view_salts).
import { lt, sql } from 'drizzle-orm';
import { pageViewSalts, serviceDailyActivity, servicePageViewers, type Database, type Executor } from '@care-assist/db';

export function createListingActivityRepository(db: Database) {
  return {
    /** Adds one to a service's counter for the day, making the day's row if it has none. */
    async bump(serviceId: string, day: string, column: 'pageViews' | 'enquiries', tx: Executor = db): Promise<void> {
      const target = serviceDailyActivity[column];
      await tx
        .insert(serviceDailyActivity)
        .values({ serviceId, day, [column]: 1 })
        .onConflictDoUpdate({
          target: [serviceDailyActivity.serviceId, serviceDailyActivity.day],
          set: { [column]: sql`${target} + 1` },
        });
    },

    async findSalt(day: string, tx: Executor = db): Promise<string | undefined> {
      const [row] = await tx
        .select()
        .from(pageViewSalts)
        .where(sql`${pageViewSalts.day} = ${day}`);
      return row?.salt;
    },

    /** Stores the day's salt unless another process stored one first (then undefined). */
    async insertSalt(day: string, salt: string, tx: Executor = db): Promise<string | undefined> {
      const [made] = await tx.insert(pageViewSalts).values({ day, salt }).onConflictDoNothing().returning();
      return made?.salt;
    },

    /** Earlier days' salts and viewer hashes: only needed while their day lasted. */
    async deleteSaltsAndViewersBefore(day: string, tx: Executor = db): Promise<void> {
      await tx.delete(pageViewSalts).where(lt(pageViewSalts.day, day));
      await tx.delete(servicePageViewers).where(lt(servicePageViewers.day, day));
    },

    /**
     * An anonymous count, written on a person's page load: this transaction's commit need not wait for the disk
     * (a crash can lose the last moments of counting, never corrupt it). See search-event-repository.ts.
     */
    async commitWithoutWaitingForDisk(tx: Executor): Promise<void> {
      await tx.execute(sql`set local synchronous_commit = off`);
    },

    /** Records a viewer's hash for the service and day; false when it was there already. */
    async insertViewer(serviceId: string, day: string, viewerHash: string, tx: Executor = db): Promise<boolean> {
      const [first] = await tx
        .insert(servicePageViewers)
        .values({ serviceId, day, viewerHash })
        .onConflictDoNothing()
        .returning({ day: servicePageViewers.day });
      return first !== undefined;
    },
  };
}
export type ListingActivityRepository = ReturnType<typeof createListingActivityRepository>;
