// Service listings, their rating aggregate, their CQC key-question ratings and their photos.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CareType, CqcRating, FundingType, RatingDetails, ServiceStatus } from '@care-assist/domain';
import { organisations } from './organisations.ts';
import { users } from './users.ts';

export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    summary: text('summary').notNull().default(''),
    description: text('description').notNull().default(''),
    careTypes: text('care_types').array().$type<CareType[]>().notNull(),
    specialisms: text('specialisms')
      .array()
      .$type<string[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    town: text('town').notNull(),
    county: text('county').notNull(),
    postcode: text('postcode').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    areaServedKm: real('area_served_km'),
    // Prices in pence per unit; null where the service does not charge that way.
    pricePerHourPence: integer('price_per_hour_pence'),
    pricePerVisitPence: integer('price_per_visit_pence'),
    pricePerNightPence: integer('price_per_night_pence'),
    pricePerWeekPence: integer('price_per_week_pence'),
    fundingAccepted: text('funding_accepted')
      .array()
      .$type<FundingType[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    acceptingNewClients: boolean('accepting_new_clients').notNull().default(true),
    languages: text('languages')
      .array()
      .$type<string[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
    cqcLocationId: text('cqc_location_id'),
    cqcRating: text('cqc_rating').$type<CqcRating>().notNull().default('not_yet_rated'),
    cqcRatingDate: date('cqc_rating_date'),
    councilAccredited: boolean('council_accredited').notNull().default(false),
    status: text('status').$type<ServiceStatus>().notNull().default('draft'),
    /** The council's latest decision (reject or suspend): why, so the provider can put it right. */
    moderationReasonCode: text('moderation_reason_code'),
    moderationNote: text('moderation_note'),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    /** 'provider' for listings made here, 'cqc' for listings created by the CQC import. */
    source: text('source').$type<'provider' | 'cqc'>().notNull().default('provider'),
    /** The CQC's registration status at the last import ('Registered' or 'Deregistered'). */
    cqcRegistrationStatus: text('cqc_registration_status'),
    /** Free text: "Monday to Friday 8am to 6pm; weekends by arrangement". */
    openingDetails: text('opening_details'),
    /** Capacity, for the council's market shape: registered beds (care and nursing homes, respite). */
    beds: integer('beds'),
    /** Capacity at home: the hours of care a week the service can deliver (home care, live-in, supported living). */
    careHoursPerWeek: integer('care_hours_per_week'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('services_slug_idx').on(t.slug),
    uniqueIndex('services_cqc_location_idx').on(t.cqcLocationId),
    index('services_organisation_idx').on(t.organisationId),
    index('services_status_idx').on(t.status),
    check(
      'services_prices_non_negative',
      sql`coalesce(${t.pricePerHourPence}, 0) >= 0 and coalesce(${t.pricePerVisitPence}, 0) >= 0 and coalesce(${t.pricePerNightPence}, 0) >= 0 and coalesce(${t.pricePerWeekPence}, 0) >= 0`,
    ),
    check('services_latitude_range', sql`${t.latitude} between -90 and 90`),
    check('services_longitude_range', sql`${t.longitude} between -180 and 180`),
  ],
);

/**
 * One row per service: the rating aggregate, maintained in the same transaction that publishes or
 * unpublishes a review, so pages and search never need to aggregate reviews on the fly.
 */
export const serviceRatings = pgTable(
  'service_ratings',
  {
    serviceId: uuid('service_id')
      .primaryKey()
      .references(() => services.id, { onDelete: 'cascade' }),
    reviewCount: integer('review_count').notNull().default(0),
    meanOverall: real('mean_overall'),
    rankingScore: real('ranking_score').notNull().default(0),
    valueScore: real('value_score'),
    lastReviewAt: timestamp('last_review_at', { withTimezone: true }),
    /** Distribution, category means, score out of 10, trend and reply shares (see @care-assist/domain). */
    details: jsonb('details').$type<RatingDetails>(),
    /** The moment the time-dependent parts (recency, 24-month window) were computed for. */
    computedAt: timestamp('computed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('service_ratings_count_non_negative', sql`${t.reviewCount} >= 0`)],
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
