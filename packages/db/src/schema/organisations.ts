// Provider organisations, the people who run them, invitations to join them, and claims to run one
// that the CQC import made.
import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Sector } from '@care-assist/domain';
import { users } from './users.ts';

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** Null when not known: the CQC data does not say, so CQC-imported organisations start without one. */
  sector: text('sector').$type<Sector>(),
  cqcProviderId: text('cqc_provider_id').unique(),
  companyNumber: text('company_number'),
  charityNumber: text('charity_number'),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  website: text('website'),
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  verifiedBy: uuid('verified_by').references(() => users.id),
  /** 'cqc' for organisations the CQC import made; they have no members until a provider claims them. */
  source: text('source').$type<'provider' | 'cqc'>().notNull().default('provider'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const organisationMembers = pgTable(
  'organisation_members',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<'owner' | 'staff'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] })],
);

/** A single-use invitation to join an organisation. Only the token's hash is stored. */
export const organisationInvitations = pgTable(
  'organisation_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role').$type<'owner' | 'staff'>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organisation_invitations_org_idx').on(t.organisationId)],
);

/**
 * A provider asking to take over an organisation the CQC import created. Council staff check the claimant
 * really runs it (CQC registration, Companies House) before the claimant becomes its owner.
 */
export const organisationClaims = pgTable(
  'organisation_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    claimantId: uuid('claimant_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** What the claimant tells the council: their role, how to check it. */
    evidence: text('evidence').notNull(),
    status: text('status').$type<'pending' | 'approved' | 'rejected'>().notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organisation_claims_status_idx').on(t.status),
    uniqueIndex('organisation_claims_one_pending_idx')
      .on(t.organisationId, t.claimantId)
      .where(sql`${t.status} = 'pending'`),
  ],
);
