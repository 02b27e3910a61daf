// Is the session behind an access token still live? Asked once per authenticated request (the actor hook), so
// an access token stops working as soon as its user is deleted or disabled, its role changes, or its session
// (refresh-token family) is revoked by logout or reuse detection, instead of living out its 15 minutes.
import { and, eq, exists, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { refreshTokens, users, type Database } from '@care-assist/db';
import type { AccessTokenClaims } from '../../plugins/external/jwt.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** null: the session is over. Otherwise what the actor hook needs to know about the account. */
export type SessionCheck = (claims: AccessTokenClaims) => Promise<{ emailVerified: boolean } | null>;

export function createSessionCheck(db: Database, clock: () => Date): SessionCheck {
  return async ({ sub, role, sid }) => {
    if (!UUID.test(sub) || (sid !== undefined && !UUID.test(sid))) return null;
    const conditions: SQL[] = [eq(users.id, sub), eq(users.role, role), isNull(users.disabledAt)];
    // Every token the API issues names its session. One without (only a holder of the signing secret can make
    // it) still needs a live account with the same role.
    if (sid) {
      const liveFamily = db
        .select({ one: sql`1` })
        .from(refreshTokens)
        .where(
          and(
            eq(refreshTokens.familyId, sid),
            eq(refreshTokens.userId, users.id),
            isNull(refreshTokens.revokedAt),
            gt(refreshTokens.expiresAt, clock()),
          ),
        );
      conditions.push(exists(liveFamily));
    }
    const rows = await db
      .select({ id: users.id, emailVerifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(and(...conditions))
      .limit(1);
    const [row] = rows;
    return row ? { emailVerified: row.emailVerifiedAt !== null } : null;
  };
}
