// Helmet headers, CORS locked to the web origin, cookies, and per-client rate limits (auth routes are stricter).
// With REDIS_URL the rate-limit counters live in Redis, so N API processes behind one web app allow a client
// the limit once, not N times; without it they live in this process's memory.
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { Config } from '../../config.ts';

export default fp(
  async (app, opts: { config: Config }) => {
    await app.register(helmet, {
      // The API serves JSON; only the /docs UI needs scripts and styles, and it ships its own CSP hashes.
      contentSecurityPolicy: {
        directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'", "'unsafe-inline'"] },
      },
    });
    await app.register(cors, { origin: opts.config.webOrigin, credentials: true });
    await app.register(cookie);

    const redis = opts.config.redisUrl ? connectRedis(opts.config.redisUrl, app.log) : undefined;
    if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
    await app.register(rateLimit, {
      max: opts.config.rateLimit.perMinute,
      timeWindow: '1 minute',
      // Keyed by request.ip, which is the resident's address forwarded by the trusted web server (TRUST_PROXY).
      ...(redis && {
        redis,
        nameSpace: 'care-assist:rate-limit:',
        // Redis down must not take the API down with it: requests pass (the per-account sign-in throttle lives
        // in PostgreSQL and still holds) and the error is logged.
        skipOnError: true,
      }),
    });
  },
  { name: 'security' },
);

function connectRedis(url: string, log: { warn: (obj: object, msg: string) => void }): Redis {
  const redis = new Redis(url, {
    // Fail fast instead of queueing requests behind a Redis that is away; ioredis keeps reconnecting.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    commandTimeout: 500,
  });
  let warned = false;
  redis.on('error', (err) => {
    if (!warned) log.warn({ err }, 'Redis (rate limits) unreachable; requests are not rate limited until it is back');
    warned = true;
  });
  redis.on('ready', () => {
    warned = false;
  });
  return redis;
}
