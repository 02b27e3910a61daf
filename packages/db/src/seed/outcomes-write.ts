// Writes the demo outcomes (made by outcomes.ts) into the database, and the anonymous daily listing activity,
// which Postgres makes itself from the seeded services.
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import {
  bookingCarers,
  bookingEvents,
  bookings,
  careAdmissions,
  councilCarePackages,
  deliveredCareHours,
  organisations,
  outcomeReviews,
  serviceDailyActivity,
  services,
} from '../schema/index.ts';
import { REFERENCE_DAY, type DemoOutcomes } from './outcomes.ts';
import { DEMO_PROVIDER_ORGANISATION } from './users.ts';

export async function seedOutcomes(
  tx: Executor,
  demo: DemoOutcomes,
  write: <T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>, batchSize?: number) => Promise<void>,
): Promise<void> {
  // Big batches: PGlite pays per statement, and the seed must stay fast.
  await write(demo.bookings, (batch) => tx.insert(bookings).values(batch), 500);
  await write(demo.events, (batch) => tx.insert(bookingEvents).values(batch), 1_000);
  await write(demo.carers, (batch) => tx.insert(bookingCarers).values(batch), 1_000);
  await write(demo.packages, (batch) => tx.insert(councilCarePackages).values(batch), 1_000);
  await write(demo.reviews, (batch) => tx.insert(outcomeReviews).values(batch), 1_000);
  await write(demo.hours, (batch) => tx.insert(deliveredCareHours).values(batch), 2_000);
  await write(demo.admissions, (batch) => tx.insert(careAdmissions).values(batch), 1_000);
  await seedListingActivity(tx);
}

/**
 * Anonymous page views and enquiries per listing per day: four months for the demo provider's listings (so
 * its insight has a trend), five weeks for every other published listing. Thousands of rows, so they are made
 * by one INSERT ... SELECT in the database; hashtext() of the service and day stands in for a random number
 * generator, so the figures are the same on every run. Popular listings get more of both.
 */
async function seedListingActivity(tx: Executor): Promise<void> {
  const reference = REFERENCE_DAY;
  await tx.execute(sql`
    insert into ${serviceDailyActivity} (service_id, day, page_views, enquiries)
    select id, day, views, enquiries from (
      select s.id, d.day::date as day,
        greatest(0, 1 + abs(hashtext(s.id::text)) % 9 + abs(hashtext(s.id::text || d.day::text)) % 7 - 3) as views,
        (abs(hashtext(s.id::text || d.day::text || 'enquiry')) % 40 < 1 + abs(hashtext(s.id::text)) % 9)::int as enquiries
      from ${services} s
      join ${organisations} o on o.id = s.organisation_id
      cross join lateral generate_series(
        ${reference}::date - (case when o.name = ${DEMO_PROVIDER_ORGANISATION} then 120 else 35 end),
        ${reference}::date - 1,
        interval '1 day'
      ) as d(day)
      where s.status = 'published'
    ) daily
    where views > 0
  `);
}

export function demoOutcomeRowCount(demo: DemoOutcomes): number {
  return (Object.values(demo) as unknown[][]).reduce((sum, rows) => sum + rows.length, 0);
}
