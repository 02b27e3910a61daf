// Personal budgets: each account and its append-only ledger of allocations, commitments, payments and refunds.
// Money is integer pence; no balance is ever stored (it is summed from the ledger).
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LedgerEntryKind } from '@care-assist/domain';
import { bookings } from './bookings.ts';
import { invoices } from './invoices.ts';
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
