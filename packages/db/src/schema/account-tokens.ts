// Single-use links sent by e-mail: verify an address, reset a password, confirm a new address.
import { index, pgTable, primaryKey, boolean, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

export type AccountTokenPurpose = 'verify_email' | 'reset_password' | 'change_email';

/**
 * Only the SHA-256 of the token is stored, so a copy of the database cannot be used to take over accounts.
 * `email` is the address the link was sent to: a verification is only good while the account still has it,
 * and a change of address takes effect with it.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<AccountTokenPurpose>().notNull(),
    tokenHash: text('token_hash').notNull(),
    email: text('email').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('account_tokens_hash_idx').on(t.tokenHash), index('account_tokens_user_idx').on(t.userId)],
);

/** Which notification e-mails a person wants. No row means the kind's default (see domain). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    email: boolean('email').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Counters for e-mail-sending requests (password resets, verification resends), per hashed address and per
 * hashed network, in fixed windows: a burst from one network or at one address is refused with 429.
 */
export const emailRequestThrottles = pgTable('email_request_throttles', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
});

/** When each digest (e.g. the moderators' daily queue digest) was last sent, so several API processes send one. */
export const emailDigests = pgTable('email_digests', {
  kind: text('kind').primaryKey(),
  lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull(),
});
