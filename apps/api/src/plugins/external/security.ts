// Helmet headers, CORS locked to the web origin, cookies, and per-client rate limits (auth routes are stricter).
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
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
    await app.register(rateLimit, {
      max: opts.config.rateLimit.perMinute,
      timeWindow: '1 minute',
      // Keyed by request.ip, which is the resident's address forwarded by the trusted web server (TRUST_PROXY).
    });
  },
  { name: 'security' },
);
