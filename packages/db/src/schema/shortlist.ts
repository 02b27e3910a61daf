// The shortlists that signed-in residents keep.
import { pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { services } from './services.ts';
import { users } from './users.ts';

export const shortlistItems = pgTable(
  'shortlist_items',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.serviceId] })],
);
