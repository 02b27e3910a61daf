// Single-use links for e-mail verification, password reset and change of address. The raw token only ever exists
// in the e-mail; the database keeps its SHA-256, so a leaked copy of the table cannot be used.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { accountTokens, type AccountTokenPurpose, type Executor, type AccountTokenRow } from '@care-assist/db';
import { Conflict, HttpProblem, ValidationFailed } from '../../errors.ts';

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

/** Issues a new link token; earlier unused ones of the same purpose for this person stop working. */
export async function issueLinkToken(
  tx: Executor,
  input: { userId: string; purpose: AccountTokenPurpose; email: string; expiresAt: Date; now: Date },
): Promise<string> {
  await tx
    .update(accountTokens)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(accountTokens.userId, input.userId),
        eq(accountTokens.purpose, input.purpose),
        isNull(accountTokens.usedAt),
      ),
    );
  const raw = randomBytes(32).toString('base64url');
  await tx.insert(accountTokens).values({
    userId: input.userId,
    purpose: input.purpose,
    tokenHash: hashLinkToken(raw),
    email: input.email,
    expiresAt: input.expiresAt,
    createdAt: input.now,
  });
  return raw;
}

/**
 * Locks and uses a token: unknown or forged → 400, already used → 409, expired → 410. The caller's transaction
 * makes the change the link is for; if that fails, the token is not used up.
 */
export async function consumeLinkToken(
  tx: Executor,
  raw: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<AccountTokenRow> {
  const words = WORDS[purpose];
  const [row] = await tx
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, hashLinkToken(raw)), eq(accountTokens.purpose, purpose)))
    .for('update');
  if (!row) {
    throw new ValidationFailed(`That ${words.what} is not valid. Check you copied all of it. ${words.again}`, [
      { field: 'token', message: 'This link is not valid' },
    ]);
  }
  if (row.usedAt) throw new Conflict(`That ${words.what} has already been used. ${words.again}`);
  if (row.expiresAt <= now) throw new LinkExpired(`That ${words.what} has expired. ${words.again}`);
  await tx.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, row.id));
  return row;
}
