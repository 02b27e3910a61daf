// Anonymous counting of interest in a listing: one upsert per enquiry, and per unique viewer and day for page
// views, into service_daily_activity (service, UTC day). Nothing about the visitor is stored: a viewer is
// recognised within one day by a keyed hash of their network address and browser under a random salt that
// lives for that day only (the way privacy-friendly web analytics count unique visitors), so reloading a
// page, or a script hitting it, cannot inflate the count, and no hash can be tied to a person afterwards.
import { createHash, randomBytes } from 'node:crypto';
import { lt, sql } from 'drizzle-orm';
import { pageViewSalts, serviceDailyActivity, servicePageViewers, type Database, type Executor } from '@care-assist/db';

/** What the API knows about a page viewer for the moment of the request; never stored as such. */
export interface PageViewer {
  /** The visitor's address as the API sees it (the web app forwards it through the trusted proxy). */
  address: string;
  /** The visitor's browser, as the web app forwards it. */
  userAgent: string;
}

export function createListingActivity({ db, clock }: { db: Database; clock: () => Date }) {
  const today = () => clock().toISOString().slice(0, 10);

  async function bump(serviceId: string, column: 'pageViews' | 'enquiries', tx: Executor) {
    const target = serviceDailyActivity[column];
    await tx
      .insert(serviceDailyActivity)
      .values({ serviceId, day: today(), [column]: 1 })
      .onConflictDoUpdate({
        target: [serviceDailyActivity.serviceId, serviceDailyActivity.day],
        set: { [column]: sql`${target} + 1` },
      });
  }

  /**
   * Today's salt, made on the first view of the day. Making it deletes earlier days' salts and viewer hashes:
   * they were only needed while their day lasted, and without the salt nothing can be recomputed.
   */
  async function saltFor(day: string): Promise<string> {
    const [existing] = await db
      .select()
      .from(pageViewSalts)
      .where(sql`${pageViewSalts.day} = ${day}`);
    if (existing) return existing.salt;
    return db.transaction(async (tx) => {
      const [made] = await tx
        .insert(pageViewSalts)
        .values({ day, salt: randomBytes(32).toString('hex') })
        .onConflictDoNothing()
        .returning();
      if (!made) {
        // Another process made it first.
        const [theirs] = await tx
          .select()
          .from(pageViewSalts)
          .where(sql`${pageViewSalts.day} = ${day}`);
        return theirs!.salt;
      }
      await tx.delete(pageViewSalts).where(lt(pageViewSalts.day, day));
      await tx.delete(servicePageViewers).where(lt(servicePageViewers.day, day));
      return made.salt;
    });
  }

  return {
    /**
     * A person looked at the service page (the web app decides what counts: see routes/services). Counted once
     * per viewer, service and day; returns whether this view was counted.
     */
    async countPageView(serviceId: string, viewer: PageViewer): Promise<boolean> {
      const day = today();
      const salt = await saltFor(day);
      // The service id is in the hash too, so one viewer's hashes differ from listing to listing.
      const viewerHash = createHash('sha256')
        .update(`${salt}\n${serviceId}\n${viewer.address}\n${viewer.userAgent}`)
        .digest('base64url');
      return db.transaction(async (tx) => {
        // An anonymous count, written on a person's page load: the commit need not wait for the disk (a crash
        // can lose the last moments of counting, never corrupt it). See search-event-repository.ts.
        await tx.execute(sql`set local synchronous_commit = off`);
        const [first] = await tx
          .insert(servicePageViewers)
          .values({ serviceId, day, viewerHash })
          .onConflictDoNothing()
          .returning({ day: servicePageViewers.day });
        if (!first) return false;
        await bump(serviceId, 'pageViews', tx);
        return true;
      });
    },
    /** Someone asked the service for a quote or asked a question about it. */
    countEnquiry: (serviceId: string, tx: Executor = db) => bump(serviceId, 'enquiries', tx),
  };
}
export type ListingActivity = ReturnType<typeof createListingActivity>;
