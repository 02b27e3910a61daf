// Sign-up, sign-in and the refresh-token lifecycle. Refresh tokens rotate on every use; presenting an
// already-rotated token means it was stolen or replayed, so the whole family (every device session
// descended from that sign-in) is revoked.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isCouncilRole, type User, type UserRole } from '@care-assist/domain';
import { actorCan, requireSignIn } from '../../access.ts';
import { hashPassword, verifyPassword, type Database, type Executor, type UserRow } from '@care-assist/db';
import { Conflict, Forbidden, TooManyRequests, Unauthorised } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { AccessTokenClaims } from '../../plugins/external/jwt.ts';
import type { UserRepository } from '../users/repository.ts';
import type { RefreshTokenRepository } from './refresh-token-repository.ts';
import type { SignInThrottle } from './sign-in-throttle.ts';

export interface Session {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
  user: User;
}

interface AuthServiceDeps {
  db: Database;
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  signInThrottle: SignInThrottle;
  signAccessToken: (claims: AccessTokenClaims) => string;
  clock: () => Date;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}

const WRONG_CREDENTIALS = 'Email or password is not right.';
const LOCKED = 'Too many failed attempts to sign in to this account. Wait a little and try again.';
const SESSION_ENDED = 'Your session has ended; please sign in again.';

export function toPublicUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
    emailVerified: row.emailVerifiedAt !== null,
  };
}

function hashToken(raw: string): string {
  return createHash('sha256').update(raw).digest('hex');
}

export function createAuthService(deps: AuthServiceDeps) {
  const { db, users, refreshTokens, clock } = deps;
  // Verifying against a real hash when the email is unknown keeps sign-in timing the same either way,
  // so response times do not reveal who has an account.
  const timingDecoyHash = hashPassword(randomBytes(16).toString('hex'));

  /**
   * Issues a refresh token in a family (one per sign-in) and an access token naming that family as its session
   * id (`sid`), so the access token dies when the family is revoked (logout, reuse). `tx`: a rotation inserts
   * the new token in the transaction that marked the old one used (see refresh).
   */
  async function startSession(user: UserRow, familyId: string = randomUUID(), tx: Executor = db): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(clock().getTime() + deps.refreshTokenTtlDays * 86_400_000);
    await refreshTokens.insert(
      {
        userId: user.id,
        familyId,
        tokenHash: hashToken(refreshToken),
        expiresAt: refreshExpiresAt,
      },
      tx,
    );
    return {
      accessToken: deps.signAccessToken({ sub: user.id, role: user.role, sid: familyId }),
      expiresIn: deps.accessTokenTtlSeconds,
      refreshToken,
      refreshExpiresAt,
      user: toPublicUser(user),
    };
  }

  return {
    /**
     * Residents and providers sign themselves up. Council roles can only be created by an admin, in which
     * case the admin stays signed in as themselves and no session is started for the new account.
     */
    async register(
      input: { email: string; password: string; displayName: string; role?: UserRole | undefined },
      actor: Actor | null,
    ): Promise<{ user: User; session: Session | null }> {
      const role = input.role ?? 'resident';
      const createdByAdmin = actorCan(actor, 'create_council_accounts');
      // A 403 even for nobody signed in: signing in would not help a resident create a council account.
      if (isCouncilRole(role) && !createdByAdmin) {
        throw new Forbidden('Council accounts can only be created by an administrator.');
      }
      const row = await users.insert({
        email: input.email.trim().toLowerCase(),
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName.trim(),
        role,
        // Unconfirmed until the person opens the link we e-mail them (the route sends it).
        emailVerifiedAt: null,
      });
      if (!row) throw new Conflict('An account with this email address already exists. Try signing in instead.');
      if (createdByAdmin) return { user: toPublicUser(row), session: null };
      const session = await startSession(row);
      return { user: session.user, session };
    },

    async login(email: string, password: string): Promise<Session> {
      const lockedFor = await deps.signInThrottle.lockedFor(email);
      if (lockedFor > 0) throw new TooManyRequests(LOCKED, lockedFor);
      const user = await users.findByEmail(email.trim());
      if (!user) {
        await verifyPassword(await timingDecoyHash, password);
        await deps.signInThrottle.recordFailure(email, null);
        throw new Unauthorised(WRONG_CREDENTIALS);
      }
      const ok = await verifyPassword(user.passwordHash, password);
      if (!ok || user.disabledAt) {
        await deps.signInThrottle.recordFailure(email, user.disabledAt ? null : user.email);
        throw new Unauthorised(WRONG_CREDENTIALS);
      }
      await deps.signInThrottle.recordSuccess(email);
      return startSession(user);
    },

    async refresh(rawToken: string | undefined): Promise<Session> {
      if (!rawToken) throw new Unauthorised(SESSION_ENDED);
      const now = clock();
      const token = await refreshTokens.findByHash(hashToken(rawToken));
      if (!token || token.revokedAt || token.expiresAt <= now) throw new Unauthorised(SESSION_ENDED);

      // The winner marks the token used AND inserts its successor in one transaction. A simultaneous loser's
      // conditional update waits on the row lock until that commits, then finds the token rotated: it is a
      // reuse, and the family revocation below runs after the successor exists, so it dies too.
      const outcome = await db.transaction(async (tx) => {
        const won = await refreshTokens.markRotated(token.id, now, tx);
        if (!won) return 'reused' as const;
        const user = await users.findActiveById(token.userId, tx);
        if (!user) return 'no-user' as const;
        return startSession(user, token.familyId, tx);
      });
      if (outcome === 'reused') {
        // Revoked outside the failed path's transaction so the revocation is committed.
        await refreshTokens.revokeFamily(token.familyId, now);
        throw new Unauthorised(SESSION_ENDED);
      }
      if (outcome === 'no-user') throw new Unauthorised(SESSION_ENDED);
      return outcome;
    },

    async logout(rawToken: string | undefined): Promise<void> {
      if (!rawToken) return;
      const token = await refreshTokens.findByHash(hashToken(rawToken));
      if (token) await refreshTokens.revokeFamily(token.familyId, clock());
    },

    async currentUser(actor: Actor | null): Promise<User> {
      const user = await users.findActiveById(requireSignIn(actor).userId);
      if (!user) throw new Unauthorised(SESSION_ENDED);
      return toPublicUser(user);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
