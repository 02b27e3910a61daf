// Builds the domain services once, from the dependencies the app was given, and exposes them to routes.
import { createHmac } from 'node:crypto';
import path from 'node:path';
import fp from 'fastify-plugin';
import type { DbHandle } from '@care-assist/db';
import { networkOf } from '@care-assist/domain';
import { createFallbackSearchIndex, createPostgresSearchIndex, type SearchIndex } from '@care-assist/search';
import type { Config } from '../../config.ts';
import { createAuthService, type AuthService } from '../../modules/auth/service.ts';
import { createSignInThrottle } from '../../modules/auth/sign-in-throttle.ts';
import { createAuthRepository } from '../../modules/auth/repository.ts';
import { createRefreshTokenRepository } from '../../modules/auth/refresh-token-repository.ts';
import { createDirectoryService, type DirectoryService } from '../../modules/services/service.ts';
import { createServiceRepository } from '../../modules/services/repository.ts';
import { createSearchEventRepository } from '../../modules/services/search-event-repository.ts';
import { createUserRepository } from '../../modules/users/repository.ts';
import { createShortlistRepository } from '../../modules/shortlist/repository.ts';
import { createShortlistService, type ShortlistService } from '../../modules/shortlist/service.ts';
import { createOutboxRepository } from '../../modules/search-sync/repository.ts';
import { createSearchSyncWorker, type SearchSyncWorker } from '../../modules/search-sync/worker.ts';
import { createRatingGroupWorker, type RatingGroupWorker } from '../../modules/ratings/group-worker.ts';
import { createIdempotency } from '../../modules/idempotency/idempotency.ts';
import { createIdempotencyKeyRepository } from '../../modules/idempotency/repository.ts';
import { createNotificationService, type NotificationService } from '../../modules/notifications/service.ts';
import { createNotificationRepository } from '../../modules/notifications/repository.ts';
import { createBudgetRepository } from '../../modules/budgets/repository.ts';
import { createBudgetService, type BudgetService } from '../../modules/budgets/service.ts';
import { createBookingRepository } from '../../modules/bookings/repository.ts';
import { createBookingAccess } from '../../modules/bookings/access.ts';
import { createBookingService, type BookingService } from '../../modules/bookings/service.ts';
import { createInvoiceService, type InvoiceService } from '../../modules/bookings/invoice-service.ts';
import { createRatingRepository } from '../../modules/ratings/repository.ts';
import { createRatingAggregator, type RatingAggregator } from '../../modules/ratings/aggregator.ts';
import { createReviewRepository } from '../../modules/reviews/repository.ts';
import { createReviewService, type ReviewService } from '../../modules/reviews/service.ts';
import { createBurstDetector } from '../../modules/reviews/burst-detector.ts';
import { createReviewGroupRepository } from '../../modules/reviews/groups-repository.ts';
import { createModerationService, type ModerationService } from '../../modules/moderation/service.ts';
import { createAuditTargets } from '../../modules/moderation/audit-targets.ts';
import { createModerationRepository } from '../../modules/moderation/repository.ts';
import { createQuestionRepository } from '../../modules/questions/repository.ts';
import { createQuestionService, type QuestionService } from '../../modules/questions/service.ts';
import { createOrganisationRepository } from '../../modules/organisations/repository.ts';
import { createOrganisationService, type OrganisationService } from '../../modules/organisations/service.ts';
import { createListingRepository } from '../../modules/listings/repository.ts';
import { createListingService, type ListingService } from '../../modules/listings/service.ts';
import { createPhotoService, type PhotoService } from '../../modules/listings/photos.ts';
import { createClaimService, type ClaimService } from '../../modules/organisations/claims.ts';
import { createClaimRepository } from '../../modules/organisations/claims-repository.ts';
import { createVerificationService, type VerificationService } from '../../modules/verification/service.ts';
import { createOutcomeRepository } from '../../modules/outcomes/repository.ts';
import { createOutcomeService, type OutcomeService } from '../../modules/outcomes/service.ts';
import { createCareRecordService, type CareRecordService } from '../../modules/outcomes/care-records.ts';
import { createListingActivity, type ListingActivity } from '../../modules/outcomes/listing-activity.ts';
import { createListingActivityRepository } from '../../modules/outcomes/listing-activity-repository.ts';
import { createOutcomeScheduler, type OutcomeScheduler } from '../../modules/outcomes/scheduler.ts';
import { createCommissionerService, type CommissionerService } from '../../modules/insight/commissioners.ts';
import { createCommissionerRepository } from '../../modules/insight/commissioner-repository.ts';
import { createInsightService, type InsightService } from '../../modules/insight/service.ts';
import { startInsightSchedule } from '../../modules/insight/scheduler.ts';
import { createRecognitionService, type RecognitionService } from '../../modules/insight/recognitions.ts';
import { createRecognitionRepository } from '../../modules/insight/recognition-repository.ts';
import { createOpenDataRepository } from '../../modules/open-data/repository.ts';
import { createOpenDataService, type OpenDataService } from '../../modules/open-data/service.ts';
import { createEmailRepository } from '../../modules/email/repository.ts';
import { createEmailWorker, type EmailWorker } from '../../modules/email/worker.ts';
import { createSmtpTransport } from '../../modules/email/transport.ts';
import { createUnsubscribeTokens } from '../../modules/email/unsubscribe-token.ts';
import { createModerationDigest, createReviewEmails } from '../../modules/email/review-emails.ts';
import { createAccountService, type AccountService } from '../../modules/accounts/service.ts';
import { createAccountRepository } from '../../modules/accounts/repository.ts';
import { createDataRightsRepository } from '../../modules/accounts/data-rights-repository.ts';
import { createEmailThrottle } from '../../modules/accounts/email-throttle.ts';
import { createDataExport } from '../../modules/accounts/data-export.ts';
import { createAccountDeletion } from '../../modules/accounts/deletion.ts';
import { createEmailPreferences, type EmailPreferenceService } from '../../modules/accounts/email-preferences.ts';
import { createOpenReferralRepository } from '../../modules/open-referral/repository.ts';
import { createOpenReferralService, type OpenReferralService } from '../../modules/open-referral/service.ts';

export interface Modules {
  auth: AuthService;
  directory: DirectoryService;
  searchSync: SearchSyncWorker;
  ratingGroups: RatingGroupWorker;
  budgets: BudgetService;
  bookings: BookingService;
  invoices: InvoiceService;
  notifications: NotificationService;
  shortlist: ShortlistService;
  ratings: RatingAggregator;
  reviews: ReviewService;
  moderation: ModerationService;
  questions: QuestionService;
  organisations: OrganisationService;
  listings: ListingService;
  verification: VerificationService;
  claims: ClaimService;
  photos: PhotoService;
  outcomes: OutcomeService;
  careRecords: CareRecordService;
  listingActivity: ListingActivity;
  outcomeScheduler: OutcomeScheduler;
  commissioners: CommissionerService;
  insight: InsightService;
  recognitions: RecognitionService;
  openReferral: OpenReferralService;
  openData: OpenDataService;
  email: EmailWorker;
  accounts: AccountService & {
    exportData: ReturnType<typeof createDataExport>;
    deleteAccount: ReturnType<typeof createAccountDeletion>;
  };
  emailPreferences: EmailPreferenceService;
  /** Sends the moderators' daily queue digest when a day has passed since the last (any process may call it). */
  moderationDigest: () => Promise<number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    modules: Modules;
    database: DbHandle;
    /** The search engine, answering from Postgres while it is down (or Postgres alone when there is none). */
    searchIndex: SearchIndex;
  }
}

export interface ModulesOptions {
  config: Config;
  db: DbHandle;
  /** The search engine (Meilisearch); without one, search answers from Postgres. */
  search?: SearchIndex | undefined;
  clock: () => Date;
}

export default fp(
  async (app, { config, db, search: engine, clock }: ModulesOptions) => {
    const users = createUserRepository(db.db);
    const services = createServiceRepository(db.db);
    const idempotency = createIdempotency({ db: db.db, keys: createIdempotencyKeyRepository(db.db) });
    const notifications = createNotificationService({
      notifications: createNotificationRepository(db.db),
      clock,
      webOrigin: config.webOrigin,
    });
    const budgetRepository = createBudgetRepository(db.db);
    const bookingRepository = createBookingRepository(db.db);
    const bookingAccess = createBookingAccess({ db: db.db, bookings: bookingRepository, budgets: budgetRepository });
    const listingActivity = createListingActivity({
      db: db.db,
      activity: createListingActivityRepository(db.db),
      clock,
    });
    const outcomeRepository = createOutcomeRepository(db.db);
    const outcomes = createOutcomeService({ db: db.db, outcomes: outcomeRepository, notifications, clock });
    const bookingDeps = {
      listingActivity,
      db: db.db,
      bookings: bookingRepository,
      budgets: budgetRepository,
      access: bookingAccess,
      notifications,
      idempotency,
      clock,
    };
    const reviews = createReviewRepository(db.db);
    const reviewGroups = createReviewGroupRepository(db.db);
    const aggregator = createRatingAggregator({ db: db.db, ratings: createRatingRepository(db.db), clock });
    const organisations = createOrganisationRepository(db.db);
    const listings = createListingRepository(db.db);
    const commissioners = createCommissionerService({
      db: db.db,
      repository: createCommissionerRepository(db.db),
      clock,
    });
    const insight = createInsightService({ db: db.db, query: db.query, commissioners, clock });
    const recognitions = createRecognitionService({
      db: db.db,
      repository: createRecognitionRepository(db.db),
      clock,
    });
    const unsubscribeTokens = createUnsubscribeTokens(config.jwtSecret);
    const accountRepository = createAccountRepository(db.db);
    const dataRights = createDataRightsRepository(db.db);
    const emailRepository = createEmailRepository(db.db);
    const reviewEmails = createReviewEmails({ emails: emailRepository, webOrigin: config.webOrigin });
    const postgresSearch = createPostgresSearchIndex({ query: db.query });
    const search = engine
      ? createFallbackSearchIndex(engine, postgresSearch, {
          clock,
          onFallback: (err, retryAfterMs) =>
            app.log.warn(
              { err },
              `search index unavailable; answering from the Postgres fallback for the next ${retryAfterMs / 1000} s`,
            ),
        })
      : postgresSearch;
    app.decorate('database', db);
    app.decorate('searchIndex', search);
    app.decorate('modules', {
      auth: createAuthService({
        db: db.db,
        users,
        refreshTokens: createRefreshTokenRepository(db.db),
        signInThrottle: createSignInThrottle(createAuthRepository(db.db), clock),
        signAccessToken: (claims) => app.jwt.sign(claims),
        clock,
        accessTokenTtlSeconds: config.accessTokenTtlSeconds,
        refreshTokenTtlDays: config.refreshTokenTtlDays,
      }),
      directory: createDirectoryService({
        services,
        search,
        searchEvents: createSearchEventRepository(db.db),
        recognitions,
        onDegraded: (what, err) => app.log.warn({ err }, what),
        clock,
      }),
      shortlist: createShortlistService({ db: db.db, shortlists: createShortlistRepository(db.db) }),
      organisations: createOrganisationService({
        db: db.db,
        organisations,
        users,
        clock,
        webOrigin: config.webOrigin,
      }),
      listings: createListingService({ db: db.db, listings, organisations, aggregator, clock }),
      verification: createVerificationService({ db: db.db, listings, organisations, clock }),
      claims: createClaimService({ db: db.db, claims: createClaimRepository(db.db), notifications, clock }),
      photos: createPhotoService({
        listings,
        organisations,
        photoDir: path.join(config.dataDir, 'photos'),
        clock,
      }),
      searchSync: createSearchSyncWorker({ db: db.db, outbox: createOutboxRepository(db.db), services, search, clock }),
      budgets: createBudgetService({ db: db.db, budgets: budgetRepository, idempotency, clock }),
      bookings: createBookingService(bookingDeps),
      invoices: createInvoiceService({ ...bookingDeps, brokerageFeePercent: config.brokerageFeePercent }),
      notifications,
      ratings: aggregator,
      ratingGroups: createRatingGroupWorker(aggregator),
      reviews: createReviewService({
        db: db.db,
        reviews,
        services,
        aggregator,
        clock,
        networkHash: (ip) => createHmac('sha256', config.reviewIpSalt).update(networkOf(ip)).digest('hex'),
        deviceHash: (deviceId) => createHmac('sha256', config.reviewIpSalt).update(`device:${deviceId}`).digest('hex'),
        burst: createBurstDetector({
          groups: reviewGroups,
          clock,
          freshAccountReviewsPerHour: config.rateLimit.newAccountReviewsPerNetworkPerHour,
        }),
        emails: reviewEmails,
      }),
      moderation: createModerationService({
        db: db.db,
        reviews,
        groups: reviewGroups,
        aggregator,
        clock,
        emails: reviewEmails,
        targets: createAuditTargets({ moderation: createModerationRepository(db.db) }),
        notifications,
      }),
      openData: createOpenDataService({ repository: createOpenDataRepository(db.db) }),
      openReferral: createOpenReferralService({
        repository: createOpenReferralRepository(db.db),
        webOrigin: config.webOrigin,
      }),
      questions: createQuestionService({
        db: db.db,
        questions: createQuestionRepository(db.db),
        reviews,
        services,
        listingActivity,
        emails: reviewEmails,
        clock,
      }),
      outcomes,
      careRecords: createCareRecordService({ db: db.db, outcomes: outcomeRepository, clock }),
      listingActivity,
      outcomeScheduler: createOutcomeScheduler(outcomes.sendDueRequests),
      commissioners,
      insight,
      accounts: {
        ...createAccountService({
          db: db.db,
          users,
          accounts: accountRepository,
          throttle: createEmailThrottle(accountRepository, config.emailRequestLimits, clock),
          clock,
          webOrigin: config.webOrigin,
        }),
        exportData: createDataExport({ users, dataRights, clock }),
        deleteAccount: createAccountDeletion({ db: db.db, users, dataRights, aggregator, clock }),
      },
      emailPreferences: createEmailPreferences({ accounts: accountRepository, tokens: unsubscribeTokens }),
      moderationDigest: createModerationDigest({
        db: db.db,
        emails: emailRepository,
        clock,
        webOrigin: config.webOrigin,
      }),
      recognitions,
      email: createEmailWorker({
        db: db.db,
        outbox: emailRepository,
        transport: config.email.smtpUrl ? createSmtpTransport(config.email.smtpUrl, config.email.from) : null,
        unsubscribeTokens,
        councilName: config.email.councilName,
        webOrigin: config.webOrigin,
        clock,
      }),
    });
    app.addHook('onClose', () => app.modules.email.stop());
    app.addHook('onClose', () => app.modules.searchSync.stop());
    app.addHook('onClose', () => app.modules.ratingGroups.stop());
    app.addHook('onClose', () => app.modules.outcomeScheduler.stop());
    // Started once the app is ready (the database is migrated by then), stopped on close.
    let stopInsightSchedule = () => {};
    app.addHook('onReady', async () => {
      stopInsightSchedule = startInsightSchedule(insight, {
        recognitions,
        minutes: config.insightRefreshMinutes,
        clock,
        onError: (err) => app.log.error({ err }, 'insight refresh failed'),
      });
    });
    app.addHook('onClose', async () => stopInsightSchedule());
  },
  { name: 'modules', dependencies: ['jwt'] },
);
