// Reviews of care services and everything that hangs off them: provider replies, helpful votes and reports.
// Moderation decisions are audited in moderation_actions; the per-service aggregate is service_ratings.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  PrecheckFlag,
  ReportReason,
  ReviewGroupStatus,
  ReviewStatus,
  ReviewerRelationship,
} from '@care-assist/domain';
import { bookings } from './bookings.ts';
import { organisations } from './organisations.ts';
import { services } from './services.ts';
import { users } from './users.ts';

const score = (name: string) => smallint(name);

/**
 * A suspected burst: reviews of one service that arrived together (many in a day, several from one network or
 * one device). Open until a moderator decides the whole group at once (reject all, or dismiss the suspicion
 * and moderate them one by one); meanwhile none of them can be published on its own.
 */
export const reviewGroups = pgTable(
  'review_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    /** The precheck codes that made the group (burst, network_burst, shared_device). */
    signals: jsonb('signals').$type<string[]>().notNull().default([]),
    status: text('status').$type<ReviewGroupStatus>().notNull().default('open'),
    reasonCode: text('reason_code'),
    note: text('note'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open group per service: later arrivals of the same burst join it.
    uniqueIndex('review_groups_one_open_per_service_idx')
      .on(t.serviceId)
      .where(sql`${t.status} = 'open'`),
  ],
);

export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    relationship: text('relationship').$type<ReviewerRelationship>().notNull(),
    overall: score('overall').notNull(),
    // Category scores: null means "don't know".
    qualityOfCare: score('quality_of_care'),
    dignityRespect: score('dignity_respect'),
    staff: score('staff'),
    reliability: score('reliability'),
    communication: score('communication'),
    valueForMoney: score('value_for_money'),
    cleanliness: score('cleanliness'),
    food: score('food'),
    activities: score('activities'),
    management: score('management'),
    periodMonth: smallint('period_month').notNull(),
    periodYear: smallint('period_year').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    status: text('status').$type<ReviewStatus>().notNull().default('pending'),
    rejectReason: text('reject_reason'),
    moderatorNote: text('moderator_note'),
    verified: boolean('verified').notNull().default(false),
    helpfulCount: integer('helpful_count').notNull().default(0),
    prechecks: jsonb('prechecks').$type<PrecheckFlag[]>().notNull().default([]),
    safeguarding: boolean('safeguarding').notNull().default(false),
    /** The author's earlier live review of the same service that this one replaces once published. */
    replacesReviewId: uuid('replaces_review_id'),
    /** The author's active or completed booking of this service, which makes the review verified. */
    bookingId: uuid('booking_id').references(() => bookings.id),
    /**
     * A salted hash of the network (IPv4 /24, IPv6 /64) the review was submitted from, for spotting bursts
     * from one place. Never the address itself.
     */
    networkHash: text('network_hash'),
    /** A salted hash of the browser's device cookie, for spotting several accounts writing from one browser. */
    deviceHash: text('device_hash'),
    /** The suspected burst this review belongs to, if any (see reviewGroups). */
    groupId: uuid('group_id').references(() => reviewGroups.id),
    /**
     * How much the review counts in the ranking score until it is verified: below 1 for an account created
     * minutes before writing, or one sharing its network or device with other reviewers of the service.
     */
    trustWeight: real('trust_weight').notNull().default(1),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reviews_service_status_idx').on(t.serviceId, t.status),
    index('reviews_author_idx').on(t.authorId),
    index('reviews_status_created_idx').on(t.status, t.createdAt),
    index('reviews_service_network_idx').on(t.serviceId, t.networkHash, t.createdAt),
    index('reviews_group_idx').on(t.groupId),
    // At most one review in moderation per person per service (a newer draft replaces a published one).
    uniqueIndex('reviews_one_open_per_author_idx')
      .on(t.serviceId, t.authorId)
      .where(sql`${t.status} in ('pending', 'changes_requested')`),
    uniqueIndex('reviews_one_published_per_author_idx')
      .on(t.serviceId, t.authorId)
      .where(sql`${t.status} = 'published'`),
    check(
      'reviews_scores_in_range',
      sql`${t.overall} between 1 and 5 and coalesce(${t.qualityOfCare}, 1) between 1 and 5 and coalesce(${t.dignityRespect}, 1) between 1 and 5 and coalesce(${t.staff}, 1) between 1 and 5 and coalesce(${t.reliability}, 1) between 1 and 5 and coalesce(${t.communication}, 1) between 1 and 5 and coalesce(${t.valueForMoney}, 1) between 1 and 5 and coalesce(${t.cleanliness}, 1) between 1 and 5 and coalesce(${t.food}, 1) between 1 and 5 and coalesce(${t.activities}, 1) between 1 and 5 and coalesce(${t.management}, 1) between 1 and 5`,
    ),
    check('reviews_period_month', sql`${t.periodMonth} between 1 and 12`),
    check('reviews_helpful_non_negative', sql`${t.helpfulCount} >= 0`),
  ],
);

/** The provider's one public reply to a review. */
export const reviewResponses = pgTable('review_responses', {
  reviewId: uuid('review_id')
    .primaryKey()
    .references(() => reviews.id, { onDelete: 'cascade' }),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  authorId: uuid('author_id')
    .notNull()
    .references(() => users.id),
  body: text('body').notNull(),
  changePlanned: boolean('change_planned').notNull().default(false),
  changeMade: boolean('change_made').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const reviewHelpfulVotes = pgTable(
  'review_helpful_votes',
  {
    reviewId: uuid('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.userId] })],
);

/** Reports ("flags") from readers; open until a moderator resolves them. */
export const reviewFlags = pgTable(
  'review_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').$type<ReportReason>().notNull(),
    note: text('note'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('review_flags_open_idx')
      .on(t.reviewId)
      .where(sql`${t.resolvedAt} is null`),
    uniqueIndex('review_flags_one_open_per_reporter_idx')
      .on(t.reviewId, t.reporterId)
      .where(sql`${t.resolvedAt} is null`),
  ],
);
