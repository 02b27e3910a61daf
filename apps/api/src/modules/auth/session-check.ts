// Is the session behind an access token still live? Asked once per authenticated request (the actor hook), so
// an access token stops working as soon as its user is deleted or disabled, its role changes, or its session
// (refresh-token family) is revoked by logout or reuse detection, instead of living out its 15 minutes.
import type { AccessTokenClaims } from '../../plugins/external/jwt.ts';
import type { AuthRepository } from './repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** null: the session is over. Otherwise what the actor hook needs to know about the account. */
export type SessionCheck = (claims: AccessTokenClaims) => Promise<{ emailVerified: boolean } | null>;

export function createSessionCheck(auth: AuthRepository, clock: () => Date): SessionCheck {
  return async ({ sub, role, sid }) => {
    if (!UUID.test(sub) || (sid !== undefined && !UUID.test(sid))) return null;
    // Every token the API issues names its session. One without (only a holder of the signing secret can make
    // it) still needs a live account with the same role.
    const row = await auth.findLiveAccount(sub, role, sid ? { id: sid, now: clock() } : undefined);
    return row ? { emailVerified: row.emailVerifiedAt !== null } : null;
  };
}
