// Per-account sign-in throttling. The per-address rate limit alone is beaten by rotating addresses, so failures
// are also counted per email address (hashed; known and unknown addresses alike, so a 429 never reveals that an
// account exists). From the fifth failure in a row the address is locked for 30 seconds, doubling with each
// further failure up to 15 minutes; while locked even the right password is refused. The first lock sends the
// account holder a notice through the outbound message table.
import { createHash } from 'node:crypto';
import type { AuthRepository } from './repository.ts';

export const FREE_FAILURES = 4;
const FIRST_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;
/** A day without failures forgets the earlier ones. */
const FORGET_AFTER_HOURS = 24;

export const emailKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/** How long the lock lasts after the given number of failures in a row (0 = not locked). */
export function lockSeconds(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** (failures - FREE_FAILURES - 1));
}

export function createSignInThrottle(auth: AuthRepository, clock: () => Date) {
  return {
    /** Seconds until the address may try again, or 0. */
    async lockedFor(email: string): Promise<number> {
      const row = await auth.signInLockedUntil(emailKey(email));
      const remaining = row?.lockedUntil ? row.lockedUntil.getTime() - clock().getTime() : 0;
      return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
    },

    /** Counts a failure (atomically, so parallel guesses all count) and locks the address when it is time. */
    async recordFailure(email: string, accountEmail: string | null): Promise<void> {
      const now = clock();
      const forgetBefore = new Date(now.getTime() - FORGET_AFTER_HOURS * 3_600_000);
      const row = await auth.countSignInFailure(emailKey(email), now, forgetBefore);
      const failures = row?.failures ?? 1;
      const seconds = lockSeconds(failures);
      if (seconds === 0) return;
      await auth.lockSignIn(emailKey(email), new Date(now.getTime() + seconds * 1000));
      if (failures === FREE_FAILURES + 1 && accountEmail) {
        await auth.queueLockNotice({
          to: accountEmail,
          subject: 'Several failed attempts to sign in to your Care Assist account',
          body:
            `Someone tried to sign in to your Care Assist account with the wrong password ${failures} times. ` +
            'We have paused sign-in for this account for a short while. If this was you, wait a moment and try ' +
            'again. If it was not, your password has not been shared, but consider changing it.',
          reason: 'Someone tried to sign in to your Care Assist account.',
        });
      }
    },

    async recordSuccess(email: string): Promise<void> {
      await auth.clearSignInFailures(emailKey(email));
    },
  };
}
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
