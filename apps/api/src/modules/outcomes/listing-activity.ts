// Anonymous counting of interest in a listing: one upsert per page view or enquiry into
// service_daily_activity (service, UTC day). Nothing about the visitor is stored.
import { sql } from 'drizzle-orm';
import { serviceDailyActivity, type Database, type Executor } from '@care-assist/db';

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

  return {
    /** A person looked at the service page (the web app decides what counts: see routes/services). */
    countPageView: (serviceId: string, tx: Executor = db) => bump(serviceId, 'pageViews', tx),
    /** Someone asked the service for a quote or asked a question about it. */
    countEnquiry: (serviceId: string, tx: Executor = db) => bump(serviceId, 'enquiries', tx),
  };
}
export type ListingActivity = ReturnType<typeof createListingActivity>;
