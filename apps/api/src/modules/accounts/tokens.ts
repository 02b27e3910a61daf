// Single-use links for e-mail verification, password reset and change of address. The raw token only ever exists
// in the e-mail; the database keeps its SHA-256, so a leaked copy of the table cannot be used.
import { createHash, randomBytes } from 'node:crypto';
import type { AccountTokenPurpose, AccountTokenRow, Executor } from '@care-assist/db';
import { Conflict, HttpProblem, ValidationFailed } from '../../errors.ts';
import type { AccountRepository } from './repository.ts';

export const hashLinkToken = (raw: string) => createHash('sha256').update(raw).digest('hex');

/** The link is well formed but its time is up (410: it existed, and will not work again). */
export class LinkExpired extends HttpProblem {
  constructor(detail: string) {
    super(410, 'Link expired', detail);
  }
}

const WORDS: Record<AccountTokenPurpose, { what: string; again: string }> = {
  verify_email: { what: 'e-mail confirmation link', again: 'Ask for a new one from your account page.' },
  reset_password: { what: 'password reset link', again: 'Ask for a new one from "Forgot your password?".' },
  change_email: {
    what: 'link to confirm your new address',
    again: 'Change your address again from your account page.',
  },
};

export function createLinkTokens(accounts: AccountRepository) {
  return {
    /** Issues a new link token; earlier unused ones of the same purpose for this person stop working. */
    async issue(
      tx: Executor,
      input: { userId: string; purpose: AccountTokenPurpose; email: string; expiresAt: Date; now: Date },
    ): Promise<string> {
      await accounts.useUpTokens(input.userId, input.purpose, input.now, tx);
      const raw = randomBytes(32).toString('base64url');
      await accounts.insertToken(
        {
          userId: input.userId,
          purpose: input.purpose,
          tokenHash: hashLinkToken(raw),
          email: input.email,
          expiresAt: input.expiresAt,
          createdAt: input.now,
        },
        tx,
      );
      return raw;
    },

    /**
     * Locks and uses a token: unknown or forged → 400, already used → 409, expired → 410. The caller's transaction
     * makes the change the link is for; if that fails, the token is not used up.
     */
    async consume(tx: Executor, raw: string, purpose: AccountTokenPurpose, now: Date): Promise<AccountTokenRow> {
      const words = WORDS[purpose];
      const row = await accounts.lockToken(hashLinkToken(raw), purpose, tx);
      if (!row) {
        throw new ValidationFailed(`That ${words.what} is not valid. Check you copied all of it. ${words.again}`, [
          { field: 'token', message: 'This link is not valid' },
        ]);
      }
      if (row.usedAt) throw new Conflict(`That ${words.what} has already been used. ${words.again}`);
      if (row.expiresAt <= now) throw new LinkExpired(`That ${words.what} has expired. ${words.again}`);
      await accounts.markTokenUsed(row.id, now, tx);
      return row;
    },
  };
}
export type LinkTokens = ReturnType<typeof createLinkTokens>;
