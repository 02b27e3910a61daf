// What every public open data route shares (Open Referral and /open-data downloads): an ETag on each answer
// and 304 Not Modified when the caller already has it, Cache-Control so caches and the web app can keep a
// copy for a few minutes, and a per-client rate limit of its own.
import type { FastifyInstance } from 'fastify';
import etag from '@fastify/etag';
import type { Config } from '../config.ts';

/** How long caches may keep a public answer: the directory changes when the council publishes a listing. */
export const PUBLIC_DATA_MAX_AGE_SECONDS = 300;

/** Adds ETag and Cache-Control to every route registered in `app` (call it inside the routes' own plugin). */
export async function publicDataCaching(app: FastifyInstance): Promise<void> {
  await app.register(etag);
  app.addHook('onSend', async (_request, reply) => {
    if (reply.statusCode === 200 || reply.statusCode === 304) {
      void reply.header('cache-control', `public, max-age=${PUBLIC_DATA_MAX_AGE_SECONDS}`);
    } else {
      void reply.header('cache-control', 'no-store');
    }
  });
}

/** The route-level rate limit for public data (a stricter, separate budget from the rest of the API). */
export function publicDataRateLimit(config: Config) {
  return { rateLimit: { max: config.rateLimit.openDataPerMinute, timeWindow: '1 minute' } };
}
