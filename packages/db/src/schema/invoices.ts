// Invoices a provider raises against a booking, and the council's brokerage income from the paid ones.
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { InvoiceStatus } from '@care-assist/domain';
import { bookings } from './bookings.ts';
import { organisations } from './organisations.ts';
import { users } from './users.ts';

export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    hours: real('hours').notNull(),
    amountPence: integer('amount_pence').notNull(),
    status: text('status').$type<InvoiceStatus>().notNull().default('submitted'),
    disputeReason: text('dispute_reason'),
    resolutionNote: text('resolution_note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    approvedBy: uuid('approved_by').references(() => users.id),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('invoices_booking_idx').on(t.bookingId),
    check('invoices_amount_positive', sql`${t.amountPence} > 0`),
    check('invoices_period', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/** The council's brokerage income: one row per paid invoice (the unique index makes a second one impossible). */
export const brokerageFees = pgTable(
  'brokerage_fees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    invoicePence: integer('invoice_pence').notNull(),
    feePercent: doublePrecision('fee_percent').notNull(),
    feePence: integer('fee_pence').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('brokerage_fees_invoice_idx').on(t.invoiceId),
    index('brokerage_fees_recorded_idx').on(t.recordedAt),
    check('brokerage_fees_non_negative', sql`${t.feePence} >= 0`),
  ],
);
