// The commissioner permission: every admin has it by role; an admin can grant it to a moderator and take it
// back. Grants are stored per user (user_permissions) and every grant or revocation is written to the audit
// log. Checked against the database on every insight request, so a revocation takes effect at once.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { moderationActions, userPermissions, users, type Database } from '@care-assist/db';
import { can, canHoldGrant, type Commissioner } from '@care-assist/domain';
import { Forbidden, NotFound, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { requireSignIn } from '../../access.ts';

const COMMISSIONER = 'commissioner';

export function createCommissionerService({ db, clock }: { db: Database; clock: () => Date }) {
  async function grantedPermissions(userId: string): Promise<string[]> {
    const rows = await db
      .select({ permission: userPermissions.permission })
      .from(userPermissions)
      .where(eq(userPermissions.userId, userId));
    return rows.map((row) => row.permission);
  }

  function requireAdmin(actor: Actor | null): Actor {
    const who = requireSignIn(actor);
    if (who.role !== 'admin')
      throw new Forbidden('Only council admins can grant or revoke the commissioner permission.');
    return who;
  }

  async function findModerator(userId: string) {
    const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
    if (!user) throw new NotFound('There is no user with that id.');
    if (!canHoldGrant(user.role, COMMISSIONER)) {
      throw new ValidationFailed(
        user.role === 'admin'
          ? 'Admins are commissioners by role; there is nothing to grant.'
          : 'Only moderators (council staff) can be granted the commissioner permission.',
        [{ field: 'userId', message: 'Choose a moderator' }],
      );
    }
    return user;
  }

  return {
    /** Throws 401/403 unless the actor may see council insight. */
    async requireCommissioner(actor: Actor | null): Promise<Actor> {
      const who = requireSignIn(actor);
      const granted = who.role === 'moderator' ? await grantedPermissions(who.userId) : [];
      if (!can({ role: who.role, grantedPermissions: granted }, COMMISSIONER)) {
        throw new Forbidden('Council insight is for commissioners only.');
      }
      return who;
    },

    async isCommissioner(actor: Actor | null): Promise<boolean> {
      if (!actor) return false;
      const granted = actor.role === 'moderator' ? await grantedPermissions(actor.userId) : [];
      return can({ role: actor.role, grantedPermissions: granted }, COMMISSIONER);
    },

    /** Council staff and whether each is a commissioner (admins only). */
    async list(actor: Actor | null): Promise<Commissioner[]> {
      requireAdmin(actor);
      const rows = await db
        .select({ user: users, grantedAt: userPermissions.grantedAt })
        .from(users)
        .leftJoin(
          userPermissions,
          and(eq(userPermissions.userId, users.id), eq(userPermissions.permission, COMMISSIONER)),
        )
        .where(inArray(users.role, ['moderator', 'admin']))
        .orderBy(sql`${users.role} desc`, asc(users.displayName));
      return rows.map(({ user, grantedAt }) => ({
        userId: user.id,
        displayName: user.displayName,
        email: user.email,
        role: user.role,
        commissioner: user.role === 'admin' || grantedAt !== null,
        via: user.role === 'admin' ? 'role' : grantedAt ? 'grant' : null,
        grantedAt: grantedAt?.toISOString() ?? null,
      }));
    },

    async grant(actor: Actor | null, userId: string): Promise<{ changed: boolean }> {
      const admin = requireAdmin(actor);
      await findModerator(userId);
      return db.transaction(async (tx) => {
        const now = clock();
        const inserted = await tx
          .insert(userPermissions)
          .values({ userId, permission: COMMISSIONER, grantedBy: admin.userId, grantedAt: now })
          .onConflictDoNothing()
          .returning();
        if (!inserted.length) return { changed: false };
        await tx.insert(moderationActions).values({
          actorId: admin.userId,
          targetType: 'user',
          targetId: userId,
          action: 'grant_commissioner',
          at: now,
        });
        return { changed: true };
      });
    },

    async revoke(actor: Actor | null, userId: string): Promise<{ changed: boolean }> {
      const admin = requireAdmin(actor);
      await findModerator(userId);
      return db.transaction(async (tx) => {
        const now = clock();
        const deleted = await tx
          .delete(userPermissions)
          .where(and(eq(userPermissions.userId, userId), eq(userPermissions.permission, COMMISSIONER)))
          .returning();
        if (!deleted.length) return { changed: false };
        await tx.insert(moderationActions).values({
          actorId: admin.userId,
          targetType: 'user',
          targetId: userId,
          action: 'revoke_commissioner',
          at: now,
        });
        return { changed: true };
      });
    },
  };
}
export type CommissionerService = ReturnType<typeof createCommissionerService>;
