// Anonymous counting of interest in a listing: one upsert per enquiry, and per unique viewer and day for page
// views, into service_daily_activity (service, UTC day). Nothing about the visitor is stored: a viewer is
// recognised within one day by a keyed hash of their network address and browser under a random salt that
// lives for that day only (the way privacy-friendly web analytics count unique visitors), so reloading a
// page, or a script hitting it, cannot inflate the count, and no hash can be tied to a person afterwards. The
// queries are in listing-activity-repository.ts.
import { createHash, randomBytes } from 'node:crypto';
import type { Database, Executor } from '@care-assist/db';
import type { ListingActivityRepository } from './listing-activity-repository.ts';

/** What the API knows about a page viewer for the moment of the request; never stored as such. */
export interface PageViewer {
  /** The visitor's address as the API sees it (the web app forwards it through the trusted proxy). */
  address: string;
  /** The visitor's browser, as the web app forwards it. */
  userAgent: string;
}

export function createListingActivity({
  db,
  activity,
  clock,
}: {
  db: Database;
  activity: ListingActivityRepository;
  clock: () => Date;
}) {
  const today = () => clock().toISOString().slice(0, 10);

  /**
   * Today's salt, made on the first view of the day. Making it deletes earlier days' salts and viewer hashes:
   * they were only needed while their day lasted, and without the salt nothing can be recomputed.
   */
  async function saltFor(day: string): Promise<string> {
    const existing = await activity.findSalt(day);
    if (existing) return existing;
    return db.transaction(async (tx) => {
      const made = await activity.insertSalt(day, randomBytes(32).toString('hex'), tx);
      if (!made) {
        // Another process made it first.
        const theirs = await activity.findSalt(day, tx);
        return theirs!;
      }
      await activity.deleteSaltsAndViewersBefore(day, tx);
      return made;
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
        await activity.commitWithoutWaitingForDisk(tx);
        const first = await activity.insertViewer(serviceId, day, viewerHash, tx);
        if (!first) return false;
        await activity.bump(serviceId, today(), 'pageViews', tx);
        return true;
      });
    },
    /** Someone asked the service for a quote or asked a question about it. */
    countEnquiry: (serviceId: string, tx: Executor = db) => activity.bump(serviceId, today(), 'enquiries', tx),
  };
}
export type ListingActivity = ReturnType<typeof createListingActivity>;
