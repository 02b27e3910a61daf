// Drizzle queries for signing in that are not about refresh tokens (those are refresh-token-repository.ts): whether
// the session behind an access token is still live, and the per-address sign-in throttle. Every method takes an
// optional transaction.
import { and, eq, exists, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { outboundMessages, refreshTokens, signInThrottles, users, type Database, type Executor } from '@care-assist/db';
import type { UserRole } from '@care-assist/domain';

export function createAuthRepository(db: Database) {
  return {
    /**
     * The account, when it exists with this role and is not disabled, and (given a session) that session's
     * refresh-token family still has a token that is neither revoked nor expired at `session.now`.
     */
    async findLiveAccount(
      userId: string,
      role: UserRole,
      session: { id: string; now: Date } | undefined,
      tx: Executor = db,
    ): Promise<{ id: string; emailVerifiedAt: Date | null } | undefined> {
      const conditions: SQL[] = [eq(users.id, userId), eq(users.role, role), isNull(users.disabledAt)];
      if (session) {
        const liveFamily = tx
          .select({ one: sql`1` })
          .from(refreshTokens)
          .where(
            and(
              eq(refreshTokens.familyId, session.id),
              eq(refreshTokens.userId, users.id),
              isNull(refreshTokens.revokedAt),
              gt(refreshTokens.expiresAt, session.now),
            ),
          );
        conditions.push(exists(liveFamily));
      }
      const [row] = await tx
        .select({ id: users.id, emailVerifiedAt: users.emailVerifiedAt })
        .from(users)
        .where(and(...conditions))
        .limit(1);
      return row;
    },

    async signInLockedUntil(emailHash: string, tx: Executor = db): Promise<{ lockedUntil: Date | null } | undefined> {
      const [row] = await tx
        .select({ lockedUntil: signInThrottles.lockedUntil })
        .from(signInThrottles)
        .where(eq(signInThrottles.emailHash, emailHash));
      return row;
    },

    /**
     * Counts one failed sign-in for the address in a single statement (so parallel guesses all count), starting
     * again from 1 when the last failure was before `forgetBefore`. The failures in a row, this one included.
     */
    async countSignInFailure(
      emailHash: string,
      now: Date,
      forgetBefore: Date,
      tx: Executor = db,
    ): Promise<{ failures: number } | undefined> {
      const [row] = await tx
        .insert(signInThrottles)
        .values({ emailHash, failures: 1, lastFailureAt: now })
        .onConflictDoUpdate({
          target: signInThrottles.emailHash,
          set: {
            failures: sql`case when ${signInThrottles.lastFailureAt} < ${forgetBefore.toISOString()}::timestamptz
                          then 1 else ${signInThrottles.failures} + 1 end`,
            lastFailureAt: now,
          },
        })
        .returning({ failures: signInThrottles.failures });
      return row;
    },

    async lockSignIn(emailHash: string, until: Date, tx: Executor = db): Promise<void> {
      await tx.update(signInThrottles).set({ lockedUntil: until }).where(eq(signInThrottles.emailHash, emailHash));
    },

    async clearSignInFailures(emailHash: string, tx: Executor = db): Promise<void> {
      await tx.delete(signInThrottles).where(eq(signInThrottles.emailHash, emailHash));
    },

    /** Queues the notice that sign-in to an account was paused (not tied to the account, only its address). */
    async queueLockNotice(
      notice: { to: string; subject: string; body: string; reason: string },
      tx: Executor = db,
    ): Promise<void> {
      await tx.insert(outboundMessages).values(notice);
    },
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
