// Short-lived access tokens (15 minutes); refresh tokens are opaque and live in the database (modules/auth).
import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { UserRole } from '@care-assist/domain';
import type { Config } from '../../config.ts';

export interface AccessTokenClaims {
  sub: string;
  role: UserRole;
  /**
   * Session id: the refresh-token family this access token was issued with. Every token the API issues has
   * one; the actor hook refuses the token once that family is revoked (logout, reuse detection).
   */
  sid?: string;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessTokenClaims;
    user: AccessTokenClaims;
  }
}

export default fp(
  async (app, opts: { config: Config }) => {
    await app.register(jwt, {
      secret: opts.config.jwtSecret,
      sign: { expiresIn: opts.config.accessTokenTtlSeconds, algorithm: 'HS256' },
      verify: { algorithms: ['HS256'] },
    });
  },
  { name: 'jwt' },
);
