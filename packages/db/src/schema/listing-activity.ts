// Anonymous daily counters of interest in each listing: page views (counted by the API when the web app
// renders a service page for a person, not for bots or prefetches) and enquiries (quote requests and
// questions asked). No user, session, IP address or cookie: one row per service per day, one upsert per event.
import { date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
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

/**
 * Who has already been counted today, so a page view counts once per viewer per service per day. The viewer is
 * a keyed hash of their network address and browser (user agent) under today's salt; the salt is random, lives
 * for one UTC day and is deleted with these rows when the next day's salt is made, so a hash cannot be tied to a
 * person or to the same person on another day. No address, cookie or account is stored.
 */
export const servicePageViewers = pgTable(
  'service_page_viewers',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    viewerHash: text('viewer_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.day, t.viewerHash] })],
);

/** Today's random salt for viewer hashes (one row; shared by every API process). */
export const pageViewSalts = pgTable('page_view_salts', {
  day: date('day').primaryKey(),
  salt: text('salt').notNull(),
});
