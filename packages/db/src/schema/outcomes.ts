// Outcomes of care: what the person receiving care and their main unpaid carer say at each review point of a
// booking or of council-arranged care (outcome_reviews), who is the main unpaid carer on a booking
// (booking_carers), and which questionnaire requests have been sent (outcome_review_requests), so the due
// notifications are created exactly once. Scores and codes are defined in packages/domain/src/outcomes.
import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { OutcomeRespondent, ReviewPointKey } from '@care-assist/domain';
import { bookings } from './bookings.ts';
import { notifications } from './notifications.ts';
import { councilCarePackages } from './council-care.ts';
import { users } from './users.ts';

/**
 * One answered questionnaire: one row per subject (a booking or a council care package), review point and
 * respondent (the unique indexes make a second answer impossible, even under concurrent submits).
 *
 * - satisfaction: with the care, 1 (very dissatisfied) to 5 (very satisfied).
 * - *_score: the ASCOT-style quality-of-life domains, 3 = as wanted, 2 = adequate, 1 = some unmet needs,
 *   0 = high unmet needs; NULL = "prefer not to say" (every domain must be answered).
 * - carer_satisfaction (1–5, with the support they get as a carer) and carer_strain (0 none, 1 some, 2 a lot;
 *   NULL = prefer not to say): only when respondent = 'carer', when the domains are the carer's view of the person.
 * - respondent_user_id: the account that answered; NULL when council staff recorded the answers (recorded_by).
 */
export const outcomeReviews = pgTable(
  'outcome_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id').references(() => bookings.id),
    carePackageId: uuid('care_package_id').references(() => councilCarePackages.id),
    reviewPoint: text('review_point').$type<ReviewPointKey>().notNull(),
    /** The date the review point fell due: the time axis for trends. */
    dueOn: date('due_on').notNull(),
    respondent: text('respondent').$type<OutcomeRespondent>().notNull(),
    respondentUserId: uuid('respondent_user_id').references(() => users.id),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    satisfaction: smallint('satisfaction').notNull(),
    controlScore: smallint('control_score'),
    personalCareScore: smallint('personal_care_score'),
    safetyScore: smallint('safety_score'),
    socialContactScore: smallint('social_contact_score'),
    occupationScore: smallint('occupation_score'),
    carerSatisfaction: smallint('carer_satisfaction'),
    carerStrain: smallint('carer_strain'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('outcome_reviews_booking_point_idx')
      .on(t.bookingId, t.reviewPoint, t.respondent)
      .where(sql`${t.bookingId} is not null`),
    uniqueIndex('outcome_reviews_package_point_idx')
      .on(t.carePackageId, t.reviewPoint, t.respondent)
      .where(sql`${t.carePackageId} is not null`),
    index('outcome_reviews_due_idx').on(t.dueOn),
    check('outcome_reviews_one_subject', sql`num_nonnulls(${t.bookingId}, ${t.carePackageId}) = 1`),
    check('outcome_reviews_respondent', sql`${t.respondent} in ('person', 'carer')`),
    check('outcome_reviews_satisfaction', sql`${t.satisfaction} between 1 and 5`),
    check(
      'outcome_reviews_domain_scores',
      sql`coalesce(${t.controlScore}, 0) between 0 and 3 and coalesce(${t.personalCareScore}, 0) between 0 and 3
        and coalesce(${t.safetyScore}, 0) between 0 and 3 and coalesce(${t.socialContactScore}, 0) between 0 and 3
        and coalesce(${t.occupationScore}, 0) between 0 and 3`,
    ),
    check(
      'outcome_reviews_carer_answers',
      sql`(${t.respondent} = 'carer' and ${t.carerSatisfaction} between 1 and 5
          and coalesce(${t.carerStrain}, 0) between 0 and 2)
        or (${t.respondent} = 'person' and ${t.carerSatisfaction} is null and ${t.carerStrain} is null)`,
    ),
  ],
);

/**
 * The main unpaid carer of the person a booking is for. The booking's requester is the person receiving care
 * (or acts for them); they name their carer by the email of the carer's Care Assist account. One per booking.
 */
export const bookingCarers = pgTable('booking_carers', {
  bookingId: uuid('booking_id')
    .primaryKey()
    .references(() => bookings.id, { onDelete: 'cascade' }),
  carerUserId: uuid('carer_user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  namedBy: uuid('named_by')
    .notNull()
    .references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One in-app questionnaire request per booking, review point and respondent: the notification is sent once. */
export const outcomeReviewRequests = pgTable(
  'outcome_review_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    reviewPoint: text('review_point').$type<ReviewPointKey>().notNull(),
    respondent: text('respondent').$type<OutcomeRespondent>().notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    dueOn: date('due_on').notNull(),
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('outcome_review_requests_point_idx').on(t.bookingId, t.reviewPoint, t.respondent),
    index('outcome_review_requests_user_idx').on(t.userId),
  ],
);
