// Signed, stable tokens for one-click unsubscribe links: who and which kind, with an HMAC so nobody can switch off
// someone else's e-mails by guessing. They do not expire: an old e-mail's link should still work.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function createUnsubscribeTokens(secret: string) {
  const sign = (payload: string) => createHmac('sha256', `${secret}:unsubscribe`).update(payload).digest('base64url');
  return {
    create(userId: string, kind: string): string {
      const payload = Buffer.from(`${userId}:${kind}`).toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    /** The user and kind, or null for a forged or mangled token. */
    read(token: string): { userId: string; kind: string } | null {
      const [payload, signature, ...rest] = token.split('.');
      if (!payload || !signature || rest.length > 0) return null;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      const [userId, kind] = Buffer.from(payload, 'base64url').toString('utf8').split(':');
      return userId && kind ? { userId, kind } : null;
    },
  };
}
export type UnsubscribeTokens = ReturnType<typeof createUnsubscribeTokens>;
