// Limits on requests that send e-mail (password resets, verification resends): per address (known or not, so a
// 429 never tells whether an account exists) and per network (so one client cannot spray many addresses).
// Fixed windows kept in Postgres, so every API process counts together.
import { createHash } from 'node:crypto';
import { networkOf } from '@care-assist/domain';
import { TooManyRequests } from '../../errors.ts';
import type { AccountRepository } from './repository.ts';

export interface EmailThrottleLimits {
  perAddressPerHour: number;
  perNetworkPerHour: number;
}

const WINDOW_MS = 60 * 60_000;
const key = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

export function createEmailThrottle(accounts: AccountRepository, limits: EmailThrottleLimits, clock: () => Date) {
  async function count(k: string): Promise<{ count: number; windowStart: Date }> {
    const now = clock();
    const windowOpen = new Date(now.getTime() - WINDOW_MS).toISOString();
    const row = await accounts.countEmailRequest(k, now, windowOpen);
    return row ?? { count: 1, windowStart: now };
  }

  return {
    /** Counts one request for `purpose` at `email` from `ip`; 429 with Retry-After when either limit is passed. */
    async check(purpose: string, email: string, ip: string): Promise<void> {
      const byAddress = await count(key(purpose, 'address', email.trim().toLowerCase()));
      const byNetwork = await count(key(purpose, 'network', networkOf(ip)));
      const over = [
        byAddress.count > limits.perAddressPerHour ? byAddress : null,
        byNetwork.count > limits.perNetworkPerHour ? byNetwork : null,
      ].filter((x) => x !== null);
      if (over.length === 0) return;
      const until = Math.max(...over.map((o) => o.windowStart.getTime() + WINDOW_MS));
      throw new TooManyRequests(
        'Too many e-mails have been asked for. Wait a while, check your inbox and spam folder, and try again.',
        Math.max(1, Math.ceil((until - clock().getTime()) / 1000)),
      );
    },
  };
}
export type EmailThrottle = ReturnType<typeof createEmailThrottle>;
