// Refresh tokens are stored as SHA-256 hashes; the raw token only ever exists in the client's cookie.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { refreshTokens, type Database, type Executor, type RefreshTokenRow } from '@care-assist/db';

export function createRefreshTokenRepository(db: Database) {
  return {
    async insert(
      token: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
      tx: Executor = db,
    ): Promise<void> {
      await tx.insert(refreshTokens).values(token);
    },

    async findByHash(tokenHash: string, tx: Executor = db): Promise<RefreshTokenRow | undefined> {
      const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
      return row;
    },

    /**
     * Marks a token used. Conditional on it not being rotated or revoked yet, so two concurrent refreshes
     * with the same token cannot both succeed: the loser sees false and is treated as a reuse.
     */
    async markRotated(id: string, at: Date, tx: Executor = db): Promise<boolean> {
      const rows = await tx
        .update(refreshTokens)
        .set({ rotatedAt: at })
        .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.rotatedAt), isNull(refreshTokens.revokedAt)))
        .returning({ id: refreshTokens.id });
      return rows.length === 1;
    },

    async revokeFamily(familyId: string, at: Date, tx: Executor = db): Promise<void> {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: sql`coalesce(${refreshTokens.revokedAt}, ${at.toISOString()}::timestamptz)` })
        .where(eq(refreshTokens.familyId, familyId));
    },
  };
}
export type RefreshTokenRepository = ReturnType<typeof createRefreshTokenRepository>;
