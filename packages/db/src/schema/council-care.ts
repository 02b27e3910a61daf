// Care the council arranged outside Care Assist (a package commissioned directly with a provider), so its
// outcomes can be recorded and compared with care booked here. Only what outcome recording needs: the
// council's own case reference, never a name, address or date of birth.
import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CareType } from '@care-assist/domain';
import { services } from './services.ts';
import { users } from './users.ts';

export const councilCarePackages = pgTable(
  'council_care_packages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The council's case reference for the person (e.g. "ASC-204118"): pseudonymous, no personal details. */
    personReference: text('person_reference').notNull(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    careType: text('care_type').$type<CareType>().notNull(),
    /** Planned hours a week (care at home); NULL for residential care. */
    hoursPerWeek: real('hours_per_week'),
    startOn: date('start_on').notNull(),
    /** NULL while the care continues. */
    endOn: date('end_on'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('council_care_packages_person_service_start_idx').on(t.personReference, t.serviceId, t.startOn),
    index('council_care_packages_service_idx').on(t.serviceId),
    check('council_care_packages_period', sql`${t.endOn} is null or ${t.endOn} >= ${t.startOn}`),
    check('council_care_packages_hours', sql`${t.hoursPerWeek} is null or ${t.hoursPerWeek} between 0 and 168`),
  ],
);
