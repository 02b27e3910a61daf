// The commissioner permission: every admin has it by role; an admin can grant it to a moderator and take it
// back. Grants are stored per user (user_permissions) and every grant or revocation is written to the audit
// log. Checked against the database on every insight request, so a revocation takes effect at once.
import type { Database } from '@care-assist/db';
import { can, canHoldGrant, type Commissioner } from '@care-assist/domain';
import { Forbidden, NotFound, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { requireSignIn } from '../../access.ts';
import type { CommissionerRepository } from './commissioner-repository.ts';

const COMMISSIONER = 'commissioner';

export function createCommissionerService({
  db,
  repository,
  clock,
}: {
  db: Database;
  repository: CommissionerRepository;
  clock: () => Date;
}) {
  function requireAdmin(actor: Actor | null): Actor {
    const who = requireSignIn(actor);
    if (who.role !== 'admin')
      throw new Forbidden('Only council admins can grant or revoke the commissioner permission.');
    return who;
  }

  async function findModerator(userId: string) {
    const user = await repository.findUser(userId);
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
      const granted = who.role === 'moderator' ? await repository.grantedPermissions(who.userId) : [];
      if (!can({ role: who.role, grantedPermissions: granted }, COMMISSIONER)) {
        throw new Forbidden('Council insight is for commissioners only.');
      }
      return who;
    },

    async isCommissioner(actor: Actor | null): Promise<boolean> {
      if (!actor) return false;
      const granted = actor.role === 'moderator' ? await repository.grantedPermissions(actor.userId) : [];
      return can({ role: actor.role, grantedPermissions: granted }, COMMISSIONER);
    },

    /** Council staff and whether each is a commissioner (admins only). */
    async list(actor: Actor | null): Promise<Commissioner[]> {
      requireAdmin(actor);
      const rows = await repository.councilStaff(COMMISSIONER);
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
        const inserted = await repository.insertGrant(
          { userId, permission: COMMISSIONER, grantedBy: admin.userId, grantedAt: now },
          tx,
        );
        if (!inserted.length) return { changed: false };
        await repository.audit(
          { actorId: admin.userId, targetType: 'user', targetId: userId, action: 'grant_commissioner', at: now },
          tx,
        );
        return { changed: true };
      });
    },

    async revoke(actor: Actor | null, userId: string): Promise<{ changed: boolean }> {
      const admin = requireAdmin(actor);
      await findModerator(userId);
      return db.transaction(async (tx) => {
        const now = clock();
        const deleted = await repository.deleteGrant(userId, COMMISSIONER, tx);
        if (!deleted.length) return { changed: false };
        await repository.audit(
          { actorId: admin.userId, targetType: 'user', targetId: userId, action: 'revoke_commissioner', at: now },
          tx,
        );
        return { changed: true };
      });
    },
  };
}
export type CommissionerService = ReturnType<typeof createCommissionerService>;
