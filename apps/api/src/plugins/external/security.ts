// Helmet headers, CORS locked to the web origin, cookies, and rate limits (stricter routes opt in with config.rateLimit).
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
      // The web server proxies for many residents; it is trusted to be one well-behaved client.
      allowList: [],
    });
  },
  { name: 'security' },
);
