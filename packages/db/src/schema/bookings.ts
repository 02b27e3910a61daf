// Bookings: a resident's quote request, the provider's quote, the agreed booking, its history and messages.
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { BookingStatus, CareType } from '@care-assist/domain';
import { budgetAccounts } from './budgets.ts';
import { services } from './services.ts';
import { users } from './users.ts';

export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    budgetAccountId: uuid('budget_account_id').references(() => budgetAccounts.id),
    funding: text('funding').$type<'budget' | 'self_funded'>(),
    careType: text('care_type').$type<CareType>().notNull(),
    hoursPerWeek: integer('hours_per_week'),
    nightsPerWeek: integer('nights_per_week'),
    startDate: date('start_date').notNull(),
    durationWeeks: integer('duration_weeks').notNull(),
    notes: text('notes').notNull().default(''),
    status: text('status').$type<BookingStatus>().notNull().default('requested'),
    quoteWeeklyPence: integer('quote_weekly_pence'),
    quoteStartDate: date('quote_start_date'),
    quoteTerms: text('quote_terms'),
    quotedAt: timestamp('quoted_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('bookings_requester_idx').on(t.requesterId),
    index('bookings_service_idx').on(t.serviceId, t.status),
    check('bookings_quote_positive', sql`coalesce(${t.quoteWeeklyPence}, 1) > 0`),
    check('bookings_duration', sql`${t.durationWeeks} between 1 and 104`),
  ],
);

/** Every state change of a booking, in order: its history. */
export const bookingEvents = pgTable(
  'booking_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: several changes can share a timestamp. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    fromStatus: text('from_status').$type<BookingStatus>(),
    toStatus: text('to_status').$type<BookingStatus>().notNull(),
    note: text('note').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('booking_events_booking_idx').on(t.bookingId, t.seq)],
);

export const bookingMessages = pgTable(
  'booking_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('booking_messages_booking_idx').on(t.bookingId, t.seq)],
);
