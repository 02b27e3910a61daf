// What providers and the council need around listings: staff invitations, the outbox of messages we
// would e-mail, and the CQC's per-key-question ratings of each service.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CqcRating } from '@care-assist/domain';
import { organisations } from './organisations.ts';
import { services } from './services.ts';
import { users } from './users.ts';

/**
 * Messages Care Assist would send by e-mail. Nothing here talks to a mail server: a sender (or a person
 * reading the table in development) picks up rows whose sent_at is null. Invitations land here.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** The one link the message is about (an invitation), so tests and a sender need not parse the body. */
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbound_messages_to_idx').on(t.to)],
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

export const CQC_KEY_QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led'] as const;
export type CqcKeyQuestion = (typeof CQC_KEY_QUESTIONS)[number];

/** The CQC's rating of each key question for a service, from its latest report. */
export const serviceCqcRatings = pgTable(
  'service_cqc_ratings',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    keyQuestion: text('key_question').$type<CqcKeyQuestion>().notNull(),
    rating: text('rating').$type<CqcRating>().notNull(),
    reportDate: date('report_date'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.keyQuestion] })],
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

/** Photos of a listing. The file lives under DATA_DIR/photos with a generated name; never the uploader's name. */
export const servicePhotos = pgTable(
  'service_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull().unique(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    altText: text('alt_text').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('service_photos_service_idx').on(t.serviceId)],
);
