// Anonymous daily counters of interest in each listing: page views (counted by the API when the web app
// renders a service page for a person, not for bots or prefetches) and enquiries (quote requests and
// questions asked). No user, session, IP address or cookie: one row per service per day, one upsert per event.
import { date, index, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { services } from './services.ts';

export const serviceDailyActivity = pgTable(
  'service_daily_activity',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    /** The UTC calendar day. */
    day: date('day').notNull(),
    pageViews: integer('page_views').notNull().default(0),
    enquiries: integer('enquiries').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.day] }), index('service_daily_activity_day_idx').on(t.day)],
);
