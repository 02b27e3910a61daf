// Builds the domain services once, from the dependencies the app was given, and exposes them to routes.
import fp from 'fastify-plugin';
import type { DbHandle } from '@care-assist/db';
import type { SearchIndex } from '@care-assist/search';
import type { Config } from '../../config.ts';
import { createAuthService, type AuthService } from '../../modules/auth/service.ts';
import { createRefreshTokenRepository } from '../../modules/auth/refresh-token-repository.ts';
import { createDirectoryService, type DirectoryService } from '../../modules/services/service.ts';
import { createServiceRepository } from '../../modules/services/repository.ts';
import { createUserRepository } from '../../modules/users/repository.ts';
import { createOutboxRepository } from '../../modules/search-sync/repository.ts';
import { createSearchSyncWorker, type SearchSyncWorker } from '../../modules/search-sync/worker.ts';
import { createRatingRepository } from '../../modules/ratings/repository.ts';
import { createRatingAggregator, type RatingAggregator } from '../../modules/ratings/aggregator.ts';
import { createReviewRepository } from '../../modules/reviews/repository.ts';
import { createReviewService, type ReviewService } from '../../modules/reviews/service.ts';
import { createModerationService, type ModerationService } from '../../modules/moderation/service.ts';
import { createQuestionRepository } from '../../modules/questions/repository.ts';
import { createQuestionService, type QuestionService } from '../../modules/questions/service.ts';

export interface Modules {
  auth: AuthService;
  directory: DirectoryService;
  searchSync: SearchSyncWorker;
  ratings: RatingAggregator;
  reviews: ReviewService;
  moderation: ModerationService;
  questions: QuestionService;
}

declare module 'fastify' {
  interface FastifyInstance {
    modules: Modules;
    database: DbHandle;
    searchIndex: SearchIndex;
  }
}

export interface ModulesOptions {
  config: Config;
  db: DbHandle;
  search: SearchIndex;
  clock: () => Date;
}

export default fp(
  async (app, { config, db, search, clock }: ModulesOptions) => {
    const users = createUserRepository(db.db);
    const services = createServiceRepository(db.db);
    const reviews = createReviewRepository(db.db);
    const aggregator = createRatingAggregator({ db: db.db, ratings: createRatingRepository(db.db), clock });
    app.decorate('database', db);
    app.decorate('searchIndex', search);
    app.decorate('modules', {
      auth: createAuthService({
        db: db.db,
        users,
        refreshTokens: createRefreshTokenRepository(db.db),
        signAccessToken: (claims) => app.jwt.sign(claims),
        clock,
        accessTokenTtlSeconds: config.accessTokenTtlSeconds,
        refreshTokenTtlDays: config.refreshTokenTtlDays,
      }),
      directory: createDirectoryService({ services, search }),
      searchSync: createSearchSyncWorker({ db: db.db, outbox: createOutboxRepository(db.db), services, search, clock }),
      ratings: aggregator,
      reviews: createReviewService({ db: db.db, reviews, services, aggregator, clock }),
      moderation: createModerationService({ db: db.db, reviews, aggregator, clock }),
      questions: createQuestionService({
        db: db.db,
        questions: createQuestionRepository(db.db),
        reviews,
        services,
        clock,
      }),
    });
    app.addHook('onClose', () => app.modules.searchSync.stop());
  },
  { name: 'modules', dependencies: ['jwt'] },
);
