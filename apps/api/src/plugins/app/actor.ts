// Works out who is calling from the Bearer access token. Routes pass `request.actor` to services,
// and the services decide what that actor may do (authorisation lives in services, not routes).
import fp from 'fastify-plugin';
import type { UserRole } from '@care-assist/domain';
import { Unauthorised } from '../../errors.ts';
import type { AccessTokenClaims } from '../external/jwt.ts';
import type { SessionCheck } from '../../modules/auth/session-check.ts';

export interface Actor {
  userId: string;
  role: UserRole;
  /** Permissions granted to this user on top of their role's (see GRANTABLE_PERMISSIONS in the domain). */
  grantedPermissions?: readonly string[];
  /** False until the person followed the link sent to their address (see requireVerifiedEmail). */
  emailVerified?: boolean;
  /** The session (refresh-token family) the access token belongs to, when it names one. */
  sessionId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** The route checks its own credentials (e.g. the metrics scraper's token), not an access token. */
    ownAuthorisation?: boolean;
  }
}

export default fp(
  async (app, opts: { isSessionLive: SessionCheck }) => {
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      if (!header || request.routeOptions.config.ownAuthorisation) return;
      if (!/^Bearer\s+\S+$/i.test(header)) throw new Unauthorised('The Authorization header must be "Bearer <token>".');
      let claims: AccessTokenClaims;
      try {
        claims = await request.jwtVerify<AccessTokenClaims>();
      } catch (error) {
        const expired = (error as { code?: string }).code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED';
        throw new Unauthorised(
          expired ? 'Your session has expired; please sign in again.' : 'The access token is not valid.',
        );
      }
      // A signature is not enough: the account and the session must still exist (one query per request).
      const session = await opts.isSessionLive(claims);
      if (!session) throw new Unauthorised('Your session has ended; please sign in again.');
      request.actor = {
        userId: claims.sub,
        role: claims.role,
        emailVerified: session.emailVerified,
        ...(claims.sid ? { sessionId: claims.sid } : {}),
      };
    });
  },
  { name: 'actor', dependencies: ['jwt'] },
);
