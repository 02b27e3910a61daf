// Personal budgets and brokerage: budget accounts, their append-only ledger, bookings with their quotes,
// history and messages, invoices, the council's brokerage income, and the idempotency record that makes
// every money-moving request safe to retry. Money is integer pence; no balance is ever stored.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { BookingStatus, CareType, InvoiceStatus, LedgerEntryKind } from '@care-assist/domain';
import { organisations } from './organisations.ts';
import { services } from './services.ts';
import { users } from './users.ts';

export const budgetAccounts = pgTable(
  'budget_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    holderId: uuid('holder_id')
      .notNull()
      .references(() => users.id),
    councilReference: text('council_reference').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('budget_accounts_council_reference_idx').on(t.councilReference),
    index('budget_accounts_holder_idx').on(t.holderId),
    check('budget_accounts_period', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

/**
 * Append-only (a trigger refuses UPDATE and DELETE). Signed pence from the budget's point of view, so the
 * available figure is the plain sum; the sign of each kind is enforced here as well as in the domain rules.
 */
export const budgetLedger = pgTable(
  'budget_ledger',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order, for statements and running figures. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    budgetAccountId: uuid('budget_account_id')
      .notNull()
      .references(() => budgetAccounts.id),
    kind: text('kind').$type<LedgerEntryKind>().notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    bookingId: uuid('booking_id').references(() => bookings.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    /** The idempotency record of the request that wrote this entry; one entry per kind per request. */
    idempotencyKey: uuid('idempotency_key'),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('budget_ledger_account_idx').on(t.budgetAccountId, t.seq),
    index('budget_ledger_booking_idx').on(t.bookingId),
    uniqueIndex('budget_ledger_idempotency_idx').on(t.idempotencyKey, t.kind),
    check(
      'budget_ledger_sign',
      sql`(${t.kind} in ('allocation', 'release', 'refund') and ${t.amountPence} > 0)
        or (${t.kind} in ('commitment', 'payment') and ${t.amountPence} < 0)
        or (${t.kind} = 'adjustment' and ${t.amountPence} <> 0)`,
    ),
  ],
);

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

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    link: text('link').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/**
 * The first answer to each money-moving request, per user and key. A retry with the same key and body gets
 * this answer back and moves no money; the same key with a different body is refused.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    route: text('route').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('idempotency_keys_user_key_idx').on(t.userId, t.key)],
);
