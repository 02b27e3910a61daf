// The Care Assist API as one Fastify plugin. server.ts listens; tests register it and use app.inject().
// Plugin order is fixed and visible here: external plugins, then app plugins, then routes.
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { randomUUID } from 'node:crypto';
import type { DbHandle } from '@care-assist/db';
import type { SearchIndex } from '@care-assist/search';
import type { Config } from './config.ts';
import { createValidatorCompiler } from './validation.ts';
import security from './plugins/external/security.ts';
import swagger from './plugins/external/swagger.ts';
import jwt from './plugins/external/jwt.ts';
import metrics from './plugins/external/metrics.ts';
import problemJson from './plugins/app/problem-json.ts';
import actor from './plugins/app/actor.ts';
import { createSessionCheck } from './modules/auth/session-check.ts';
import { createAuthRepository } from './modules/auth/repository.ts';
import modules from './plugins/app/modules.ts';
import healthRoutes from './routes/health/index.ts';
import authRoutes from './routes/auth/index.ts';
import meRoutes from './routes/me/index.ts';
import serviceRoutes from './routes/services/index.ts';
import budgetRoutes from './routes/budgets/index.ts';
import bookingRoutes from './routes/bookings/index.ts';
import invoiceRoutes from './routes/invoices/index.ts';
import notificationRoutes from './routes/notifications/index.ts';
import suggestionRoutes from './routes/suggestions/index.ts';
import shortlistRoutes from './routes/shortlist/index.ts';
import reviewRoutes from './routes/reviews/index.ts';
import moderationRoutes from './routes/moderation/index.ts';
import questionRoutes from './routes/questions/index.ts';
import organisationRoutes from './routes/organisations/index.ts';
import claimRoutes from './routes/claims/index.ts';
import providerServiceRoutes from './routes/provider-services/index.ts';
import verificationRoutes from './routes/verification/index.ts';
import photoRoutes from './routes/photos/index.ts';
import outcomeRoutes from './routes/outcomes/index.ts';
import insightRoutes from './routes/insight/index.ts';
import commissionerRoutes from './routes/commissioners/index.ts';
import providerInsightRoutes from './routes/provider-insight/index.ts';
import openReferralRoutes from './routes/openreferral/index.ts';
import openDataRoutes from './routes/open-data/index.ts';
import accountRoutes from './routes/account/index.ts';

export interface AppOptions {
  config: Config;
  db: DbHandle;
  /** The search engine (Meilisearch); without one, search answers from Postgres. */
  search?: SearchIndex | undefined;
  /** Injected so tests can move time; defaults to the wall clock. */
  clock?: () => Date;
}

/** Options for the Fastify constructor that the app relies on (request ids, strict validation, body limit). */
export function fastifyOptions(config: Pick<Config, 'logLevel' | 'trustProxy'>): FastifyServerOptions {
  return {
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 64 * 1024,
    // So request.ip (and with it every rate limit) is the resident's address, not the web server's.
    trustProxy: config.trustProxy,
  };
}

async function careAssistApi(fastify: FastifyInstance, opts: AppOptions): Promise<void> {
  const { config } = opts;
  // Strict bodies, coerced query strings, no control characters anywhere (see validation.ts).
  fastify.setValidatorCompiler(createValidatorCompiler());
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await fastify.register(problemJson);
  await fastify.register(security, { config });
  await fastify.register(swagger);
  await fastify.register(jwt, { config });
  await fastify.register(metrics);

  const clock = opts.clock ?? (() => new Date());
  await fastify.register(actor, { isSessionLive: createSessionCheck(createAuthRepository(opts.db.db), clock) });
  await fastify.register(modules, {
    config,
    db: opts.db,
    search: opts.search,
    clock,
  });

  await fastify.register(healthRoutes, { metricsToken: config.metricsToken });
  await fastify.register(authRoutes, { prefix: '/api/v1/auth', config });
  await fastify.register(meRoutes, { prefix: '/api/v1/me' });
  await fastify.register(accountRoutes, { prefix: '/api/v1', config });
  await fastify.register(serviceRoutes, { prefix: '/api/v1/services' });
  await fastify.register(budgetRoutes, { prefix: '/api/v1/budgets' });
  await fastify.register(bookingRoutes, { prefix: '/api/v1/bookings' });
  await fastify.register(invoiceRoutes, { prefix: '/api/v1/invoices' });
  await fastify.register(notificationRoutes, { prefix: '/api/v1/notifications' });
  await fastify.register(suggestionRoutes, { prefix: '/api/v1/suggestions' });
  await fastify.register(shortlistRoutes, { prefix: '/api/v1/shortlist' });
  await fastify.register(reviewRoutes, { prefix: '/api/v1', config });
  await fastify.register(moderationRoutes, { prefix: '/api/v1/moderation' });
  await fastify.register(questionRoutes, { prefix: '/api/v1', config });
  await fastify.register(organisationRoutes, { prefix: '/api/v1/organisations' });
  await fastify.register(claimRoutes, { prefix: '/api/v1/claims' });
  await fastify.register(providerServiceRoutes, { prefix: '/api/v1/provider/services' });
  // Listing and organisation verification lives under /moderation too, beside review moderation.
  await fastify.register(verificationRoutes, { prefix: '/api/v1/moderation' });
  await fastify.register(photoRoutes, { prefix: '/api/v1/photos' });
  await fastify.register(outcomeRoutes, { prefix: '/api/v1' });
  await fastify.register(insightRoutes, { prefix: '/api/v1/insight' });
  await fastify.register(commissionerRoutes, { prefix: '/api/v1/council/commissioners' });
  await fastify.register(providerInsightRoutes, { prefix: '/api/v1/provider/insight' });
  // Open Referral UK keeps the profile's own paths (no /api/v1), so generic ORUK clients find it.
  await fastify.register(openReferralRoutes, { prefix: '/openreferral', config });
  await fastify.register(openDataRoutes, { prefix: '/api/v1/open-data', config });
}

// Not encapsulated: the caller (server.ts, tests) sees the decorations, e.g. app.modules and app.jwt.
export default fp(careAssistApi, { name: 'care-assist-api' });
