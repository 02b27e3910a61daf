// Short-lived access tokens (15 minutes); refresh tokens are opaque and live in the database (modules/auth).
import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { UserRole } from '@care-assist/domain';
import type { Config } from '../../config.ts';

export interface AccessTokenClaims {
  sub: string;
  role: UserRole;
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
