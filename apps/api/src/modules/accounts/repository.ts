// Drizzle queries for the account lifecycle: single-use link tokens, the changes people make to their own account,
// ending their sessions, their e-mail preferences, and the e-mail request throttle. Every method takes an optional
// transaction.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import {
  accountTokens,
  emailRequestThrottles,
  notificationPreferences,
  refreshTokens,
  users,
  type AccountTokenPurpose,
  type AccountTokenRow,
  type Database,
  type Executor,
  type NewAccountToken,
  type NotificationPreferenceRow,
  type UserRow,
} from '@care-assist/db';

export function createAccountRepository(db: Database) {
  return {
    /** Marks every unused token of this purpose for this person used, so earlier links stop working. */
    async useUpTokens(userId: string, purpose: AccountTokenPurpose, at: Date, tx: Executor = db): Promise<void> {
      await tx
        .update(accountTokens)
        .set({ usedAt: at })
        .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
    },

    async insertToken(token: NewAccountToken, tx: Executor = db): Promise<void> {
      await tx.insert(accountTokens).values(token);
    },

    /** The token with this hash and purpose, locked until the transaction ends. */
    async lockToken(
      tokenHash: string,
      purpose: AccountTokenPurpose,
      tx: Executor = db,
    ): Promise<AccountTokenRow | undefined> {
      const [row] = await tx
        .select()
        .from(accountTokens)
        .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)))
        .for('update');
      return row;
    },

    async markTokenUsed(id: string, at: Date, tx: Executor = db): Promise<void> {
      await tx.update(accountTokens).set({ usedAt: at }).where(eq(accountTokens.id, id));
    },

    async setEmailVerified(
      userId: string,
      emailVerifiedAt: Date,
      updatedAt: Date,
      tx: Executor = db,
    ): Promise<UserRow | undefined> {
      const [row] = await tx.update(users).set({ emailVerifiedAt, updatedAt }).where(eq(users.id, userId)).returning();
      return row;
    },

    /** A new password hash; `emailVerifiedAt` too when the change also confirms the address. */
    async setPassword(
      userId: string,
      change: { passwordHash: string; updatedAt: Date; emailVerifiedAt?: Date },
      tx: Executor = db,
    ): Promise<void> {
      await tx.update(users).set(change).where(eq(users.id, userId));
    },

    async setDisplayName(
      userId: string,
      displayName: string,
      updatedAt: Date,
      tx: Executor = db,
    ): Promise<UserRow | undefined> {
      const [row] = await tx.update(users).set({ displayName, updatedAt }).where(eq(users.id, userId)).returning();
      return row;
    },

    /** Moves the account to a new address, confirmed by the link that was sent to it. */
    async setEmail(userId: string, email: string, at: Date, tx: Executor = db): Promise<UserRow | undefined> {
      const [row] = await tx
        .update(users)
        .set({ email, emailVerifiedAt: at, updatedAt: at })
        .where(eq(users.id, userId))
        .returning();
      return row;
    },

    /** Revokes every live session of the account, or every one but the session (family) `keepFamilyId`. */
    async revokeSessions(userId: string, at: Date, keepFamilyId: string | undefined, tx: Executor = db): Promise<void> {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: at })
        .where(
          and(
            eq(refreshTokens.userId, userId),
            isNull(refreshTokens.revokedAt),
            keepFamilyId ? ne(refreshTokens.familyId, keepFamilyId) : undefined,
          ),
        );
    },

    /** The id of the account, disabled or not, when there is one. */
    async findUserId(id: string, tx: Executor = db): Promise<{ id: string } | undefined> {
      const [row] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, id)));
      return row;
    },

    async emailPreferences(userId: string, tx: Executor = db): Promise<NotificationPreferenceRow[]> {
      return tx.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
    },

    async setEmailPreference(userId: string, kind: string, email: boolean, tx: Executor = db): Promise<void> {
      await tx
        .insert(notificationPreferences)
        .values({ userId, kind, email })
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { email } });
    },

    /**
     * Counts one e-mail request under `key` in a fixed window: the window starts again at `now` when it opened
     * before `windowOpen`. The count and window start after this one.
     */
    async countEmailRequest(
      key: string,
      now: Date,
      windowOpen: string,
      tx: Executor = db,
    ): Promise<{ count: number; windowStart: Date } | undefined> {
      const [row] = await tx
        .insert(emailRequestThrottles)
        .values({ key, count: 1, windowStart: now })
        .onConflictDoUpdate({
          target: emailRequestThrottles.key,
          set: {
            count: sql`case when ${emailRequestThrottles.windowStart} < ${windowOpen}::timestamptz then 1
                     else ${emailRequestThrottles.count} + 1 end`,
            windowStart: sql`case when ${emailRequestThrottles.windowStart} < ${windowOpen}::timestamptz
                           then ${now.toISOString()}::timestamptz else ${emailRequestThrottles.windowStart} end`,
          },
        })
        .returning({ count: emailRequestThrottles.count, windowStart: emailRequestThrottles.windowStart });
      return row;
    },
  };
}
export type AccountRepository = ReturnType<typeof createAccountRepository>;
