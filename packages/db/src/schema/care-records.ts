// What happened during care, recorded by the people who know: providers record the hours of care they
// actually delivered each week of a booking; council staff record admissions to hospital or residential care
// of a person whose care was booked here or arranged by the council.
import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AdmissionKind } from '@care-assist/domain';
import { bookings } from './bookings.ts';
import { councilCarePackages } from './council-care.ts';
import { users } from './users.ts';

/** Hours delivered in the week starting `week_starting` (a Monday). A correction replaces the week's figure. */
export const deliveredCareHours = pgTable(
  'delivered_care_hours',
  {
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    weekStarting: date('week_starting').notNull(),
    hours: real('hours').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.bookingId, t.weekStarting] }),
    index('delivered_care_hours_week_idx').on(t.weekStarting),
    check('delivered_care_hours_range', sql`${t.hours} between 0 and 168`),
    check('delivered_care_hours_monday', sql`extract(isodow from ${t.weekStarting}) = 1`),
  ],
);

/** An admission (hospital, or residential/nursing care) during care booked here or arranged by the council. */
export const careAdmissions = pgTable(
  'care_admissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id').references(() => bookings.id, { onDelete: 'cascade' }),
    carePackageId: uuid('care_package_id').references(() => councilCarePackages.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<AdmissionKind>().notNull(),
    admittedOn: date('admitted_on').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('care_admissions_booking_idx')
      .on(t.bookingId, t.kind, t.admittedOn)
      .where(sql`${t.bookingId} is not null`),
    uniqueIndex('care_admissions_package_idx')
      .on(t.carePackageId, t.kind, t.admittedOn)
      .where(sql`${t.carePackageId} is not null`),
    index('care_admissions_admitted_idx').on(t.admittedOn),
    check('care_admissions_one_subject', sql`num_nonnulls(${t.bookingId}, ${t.carePackageId}) = 1`),
    check('care_admissions_kind', sql`${t.kind} in ('hospital', 'residential_care')`),
  ],
);
