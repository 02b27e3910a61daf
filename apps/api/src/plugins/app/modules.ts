// Builds the domain services once, from the dependencies the app was given, and exposes them to routes.
import path from 'node:path';
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
import { createOrganisationRepository } from '../../modules/organisations/repository.ts';
import { createOrganisationService, type OrganisationService } from '../../modules/organisations/service.ts';
import { createListingRepository } from '../../modules/listings/repository.ts';
import { createListingService, type ListingService } from '../../modules/listings/service.ts';
import { createPhotoService, type PhotoService } from '../../modules/listings/photos.ts';
import { createClaimService, type ClaimService } from '../../modules/organisations/claims.ts';
import { createVerificationService, type VerificationService } from '../../modules/verification/service.ts';

export interface Modules {
  auth: AuthService;
  directory: DirectoryService;
  searchSync: SearchSyncWorker;
  organisations: OrganisationService;
  listings: ListingService;
  verification: VerificationService;
  claims: ClaimService;
  photos: PhotoService;
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
    const organisations = createOrganisationRepository(db.db);
    const listings = createListingRepository(db.db);
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
      organisations: createOrganisationService({
        db: db.db,
        organisations,
        users,
        clock,
        webOrigin: config.webOrigin,
      }),
      listings: createListingService({ db: db.db, listings, organisations, clock }),
      verification: createVerificationService({ db: db.db, listings, organisations, clock }),
      claims: createClaimService({ db: db.db, clock }),
      photos: createPhotoService({
        db: db.db,
        listings,
        organisations,
        photoDir: path.join(config.dataDir, 'photos'),
        clock,
      }),
      searchSync: createSearchSyncWorker({ db: db.db, outbox: createOutboxRepository(db.db), services, search, clock }),
    });
    app.addHook('onClose', () => app.modules.searchSync.stop());
  },
  { name: 'modules', dependencies: ['jwt'] },
);
