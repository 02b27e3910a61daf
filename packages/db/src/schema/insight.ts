// Council insight: per-user permissions (the commissioner grant), the summary tables every dashboard reads,
// their refresh times, and the yearly "highly rated" recognition.
//
// The summary tables are derived data: a refresh (apps/api/src/modules/insight/refresh.ts) rebuilds them from
// the real tables in one transaction, on a schedule and on demand, and records when in insight_refreshes, so
// every view can say how fresh its numbers are. Dashboards never aggregate the raw tables on request.
import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { CareType, CqcRating, Sector } from '@care-assist/domain';
import { services } from './services.ts';
import { users } from './users.ts';

// Column sets several summary tables share. Functions, so each table gets its own column builders.

/** A service's row for one month, keyed by both and read one service's months at a time (provider insight). */
const serviceMonthColumns = () => ({
  month: date('month').notNull(),
  serviceId: uuid('service_id').notNull(),
});
const serviceMonthKeys = (table: string, t: { month: AnyPgColumn; serviceId: AnyPgColumn }) => [
  primaryKey({ columns: [t.month, t.serviceId] }),
  index(`${table}_service_idx`).on(t.serviceId, t.month),
];

/** The service, provider, area, sector and care type an outcomes row is about: what the outcomes view groups by. */
const outcomeServiceColumns = () => ({
  serviceId: uuid('service_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  organisationName: text('organisation_name').notNull(),
  county: text('county').notNull(),
  district: text('district').notNull(),
  sector: text('sector').$type<Sector>(),
  careType: text('care_type').$type<CareType>().notNull(),
});

/** A county x care type x sector breakdown ('*' = all, GROUPING SETS at refresh) and how many services are in it. */
const breakdownColumns = () => ({
  county: text('county').notNull(),
  careType: text('care_type').notNull(),
  sector: text('sector').notNull(),
  services: integer('services').notNull(),
});

/** Permissions granted to a user on top of their role (today only 'commissioner', granted to moderators). */
export const userPermissions = pgTable(
  'user_permissions',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    permission: text('permission').$type<'commissioner'>().notNull(),
    grantedBy: uuid('granted_by')
      .notNull()
      .references(() => users.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.permission] })],
);

/** When each summary was last rebuilt (shown on every view) and how long it took. */
export const insightRefreshes = pgTable('insight_refreshes', {
  summary: text('summary').primaryKey(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  durationMs: integer('duration_ms').notNull(),
});

/** One row per published service: everything the performance, price and market views filter and group. */
export const insightServiceFacts = pgTable(
  'insight_service_facts',
  {
    serviceId: uuid('service_id').primaryKey(),
    organisationId: uuid('organisation_id').notNull(),
    organisationName: text('organisation_name').notNull(),
    serviceName: text('service_name').notNull(),
    slug: text('slug').notNull(),
    county: text('county').notNull(),
    /** The postcode district (outcode) of the service, e.g. "CM1": the same areas search_events use. */
    district: text('district').notNull(),
    careTypes: text('care_types').array().$type<CareType[]>().notNull(),
    /** Null when not known (organisations the CQC import made). */
    sector: text('sector').$type<Sector>(),
    /** Published services the organisation runs: 1, 2–5, 6–20, 21+. */
    organisationSize: text('organisation_size').notNull(),
    acceptingNewClients: integer('accepting_new_clients').notNull(),
    pricePerHourPence: integer('price_per_hour_pence'),
    pricePerVisitPence: integer('price_per_visit_pence'),
    pricePerNightPence: integer('price_per_night_pence'),
    pricePerWeekPence: integer('price_per_week_pence'),
    reviewCount: integer('review_count').notNull(),
    reviewsLast12Months: integer('reviews_last_12_months').notNull(),
    /** Distinct people who reviewed (the suppression count). */
    reviewers: integer('reviewers').notNull(),
    meanOverall: real('mean_overall'),
    scoreOutOfTen: real('score_out_of_ten'),
    rankingScore: real('ranking_score'),
    categoryMeans: jsonb('category_means').$type<Record<string, number | null>>(),
    cqcOverall: text('cqc_overall').$type<CqcRating>(),
    cqcKeyQuestions: jsonb('cqc_key_questions').$type<Record<string, CqcRating>>(),
    lowReviews: integer('low_reviews').notNull(),
    lowReviewsResponded: integer('low_reviews_responded').notNull(),
    medianHoursToRespond: doublePrecision('median_hours_to_respond'),
    safeguardingUpheld: integer('safeguarding_upheld').notNull(),
    /** The day the listing was created: the market view counts services listed by the end of its date range. */
    listedOn: date('listed_on'),
    beds: integer('beds'),
    careHoursPerWeek: integer('care_hours_per_week'),
    /**
     * Place in the league table of every service (5+ reviewers first, then ranking score, then name), set at
     * refresh: a filtered league table reads the first rows of an index instead of sorting every service.
     */
    leagueRank: integer('league_rank'),
  },
  (t) => [
    index('insight_service_facts_area_idx').on(t.county, t.district),
    index('insight_service_facts_org_idx').on(t.organisationId),
    index('insight_service_facts_league_idx').on(t.leagueRank),
    index('insight_service_facts_county_league_idx').on(t.county, t.leagueRank),
    index('insight_service_facts_district_idx').on(t.district),
  ],
);

/** Searches per day, area and care type: how many found nothing or few (unmet demand). */
export const insightSearchDays = pgTable(
  'insight_search_days',
  {
    day: date('day').notNull(),
    county: text('county'),
    district: text('district'),
    /** The care type searched for, or null when the search did not ask for one. */
    careType: text('care_type').$type<CareType>(),
    searches: integer('searches').notNull(),
    noResults: integer('no_results').notNull(),
    /** 1 to 2 results. */
    fewResults: integer('few_results').notNull(),
  },
  (t) => [index('insight_search_days_day_idx').on(t.day)],
);

/** Brokerage per month and service: quotes asked for, given and accepted; value arranged; council fee income. */
export const insightBrokerageMonths = pgTable(
  'insight_brokerage_months',
  {
    ...serviceMonthColumns(),
    organisationId: uuid('organisation_id').notNull(),
    requested: integer('requested').notNull(),
    quoted: integer('quoted').notNull(),
    accepted: integer('accepted').notNull(),
    /** Weekly quote x duration of the accepted bookings requested this month. */
    valueArrangedPence: bigint('value_arranged_pence', { mode: 'number' }).notNull(),
    feeIncomePence: bigint('fee_income_pence', { mode: 'number' }).notNull(),
    /** Paid invoices behind the fee income (its suppression count). */
    feeInvoices: integer('fee_invoices').notNull(),
  },
  (t) => serviceMonthKeys('insight_brokerage_months', t),
);

/** Reviews per month and service: the rating trend and its area median. */
export const insightRatingMonths = pgTable(
  'insight_rating_months',
  {
    ...serviceMonthColumns(),
    reviews: integer('reviews').notNull(),
    sumOverall: integer('sum_overall').notNull(),
  },
  // Provider insight and the performance view read one service's months at a time.
  (t) => serviceMonthKeys('insight_rating_months', t),
);

/** Each service's prices as they stood in each month (a snapshot at every refresh, kept): prices over time. */
export const insightPriceMonths = pgTable(
  'insight_price_months',
  {
    month: date('month').notNull(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    pricePerHourPence: integer('price_per_hour_pence'),
    pricePerVisitPence: integer('price_per_visit_pence'),
    pricePerNightPence: integer('price_per_night_pence'),
    pricePerWeekPence: integer('price_per_week_pence'),
  },
  (t) => [primaryKey({ columns: [t.month, t.serviceId] })],
);

/** "Highly rated" recognition: per year, care type and county (see the rule in @care-assist/domain). */
export const serviceRecognitions = pgTable(
  'service_recognitions',
  {
    year: smallint('year').notNull(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    careType: text('care_type').$type<CareType>().notNull(),
    county: text('county').notNull(),
    rankingScore: real('ranking_score').notNull(),
    areaUpperQuartile: real('area_upper_quartile').notNull(),
    awardedAt: timestamp('awarded_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.serviceId, t.careType] }),
    index('service_recognitions_service_idx').on(t.serviceId),
  ],
);

/**
 * One row per answered outcomes questionnaire (care booked here or arranged by the council), with the service,
 * provider, area, sector and care type it is about: what the outcomes view filters and groups. `subject_id` is
 * the booking or care package (a pseudonymous id, no person's details), so people are counted once.
 */
export const insightOutcomeAnswers = pgTable(
  'insight_outcome_answers',
  {
    dueOn: date('due_on').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** 'booked' through Care Assist or 'council' arranged. */
    source: text('source').$type<'booked' | 'council'>().notNull(),
    ...outcomeServiceColumns(),
    respondent: text('respondent').$type<'person' | 'carer'>().notNull(),
    satisfaction: smallint('satisfaction').notNull(),
    /** Mean of the answered quality-of-life domains (0–3); null when every one was "prefer not to say". */
    qualityOfLife: real('quality_of_life'),
    carerSatisfaction: smallint('carer_satisfaction'),
    carerStrain: smallint('carer_strain'),
  },
  (t) => [
    index('insight_outcome_answers_due_idx').on(t.dueOn),
    index('insight_outcome_answers_service_idx').on(t.serviceId, t.dueOn),
  ],
);

/** One row per admission to hospital or residential care during care booked here or arranged by the council. */
export const insightOutcomeAdmissions = pgTable(
  'insight_outcome_admissions',
  {
    admittedOn: date('admitted_on').notNull(),
    subjectId: uuid('subject_id').notNull(),
    ...outcomeServiceColumns(),
    kind: text('kind').$type<'hospital' | 'residential_care'>().notNull(),
  },
  (t) => [index('insight_outcome_admissions_day_idx').on(t.admittedOn)],
);

/**
 * The spread (count, lowest, quartiles, median, highest) of each measure by county x care type x sector, with
 * '*' for "all" in any of the three (GROUPING SETS at refresh), so a view filtered by any of them reads one row
 * instead of sorting every service. Measures: 'listed' (every service: the count), 'ranking' (services with 5 or
 * more reviewers) and 'price_hour',
 * 'price_visit', 'price_night', 'price_week' (pence). Sector 'not_known' is the organisations the CQC import made.
 */
export const insightSpreads = pgTable(
  'insight_spreads',
  {
    measure: text('measure').notNull(),
    ...breakdownColumns(),
    lowest: doublePrecision('lowest').notNull(),
    lowerQuartile: doublePrecision('lower_quartile').notNull(),
    median: doublePrecision('median').notNull(),
    upperQuartile: doublePrecision('upper_quartile').notNull(),
    highest: doublePrecision('highest').notNull(),
  },
  (t) => [primaryKey({ columns: [t.measure, t.county, t.careType, t.sector] })],
);

/** The median price of each unit by month, with the same county x care type x sector grouping ('*' = all). */
export const insightPriceMonthMedians = pgTable(
  'insight_price_month_medians',
  {
    month: date('month').notNull(),
    unit: text('unit').notNull(),
    ...breakdownColumns(),
    median: doublePrecision('median').notNull(),
  },
  (t) => [primaryKey({ columns: [t.county, t.careType, t.sector, t.unit, t.month] })],
);

/** The median of services' monthly mean ratings by county, main care type and month (provider insight's trend). */
export const insightRatingMonthMedians = pgTable(
  'insight_rating_month_medians',
  {
    county: text('county').notNull(),
    careType: text('care_type').notNull(),
    month: date('month').notNull(),
    median: doublePrecision('median').notNull(),
  },
  (t) => [primaryKey({ columns: [t.county, t.careType, t.month] })],
);
