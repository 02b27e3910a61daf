// Drizzle queries for the commissioner permission: the grants in user_permissions, the council staff they can
// go to, and the audit entry each grant or revocation writes.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  moderationActions,
  userPermissions,
  users,
  type Database,
  type Executor,
  type NewModerationAction,
  type NewUserPermission,
  type UserPermissionRow,
  type UserRow,
} from '@care-assist/db';

type Permission = UserPermissionRow['permission'];

export function createCommissionerRepository(db: Database) {
  return {
    async grantedPermissions(userId: string, tx: Executor = db): Promise<Permission[]> {
      const rows = await tx
        .select({ permission: userPermissions.permission })
        .from(userPermissions)
        .where(eq(userPermissions.userId, userId));
      return rows.map((row) => row.permission);
    },

    async findUser(userId: string, tx: Executor = db): Promise<UserRow | undefined> {
      const [user] = await tx.select().from(users).where(eq(users.id, userId)).limit(1);
      return user;
    },

    /** Moderators and admins, admins first then by name, each with when they were granted `permission` (if ever). */
    async councilStaff(
      permission: Permission,
      tx: Executor = db,
    ): Promise<{ user: UserRow; grantedAt: Date | null }[]> {
      return tx
        .select({ user: users, grantedAt: userPermissions.grantedAt })
        .from(users)
        .leftJoin(
          userPermissions,
          and(eq(userPermissions.userId, users.id), eq(userPermissions.permission, permission)),
        )
        .where(inArray(users.role, ['moderator', 'admin']))
        .orderBy(sql`${users.role} desc`, asc(users.displayName));
    },

    /** The grant written, or none when the user held it already. */
    async insertGrant(values: NewUserPermission, tx: Executor = db): Promise<UserPermissionRow[]> {
      return tx.insert(userPermissions).values(values).onConflictDoNothing().returning();
    },

    /** The grant removed, or none when the user did not hold it. */
    async deleteGrant(userId: string, permission: Permission, tx: Executor = db): Promise<UserPermissionRow[]> {
      return tx
        .delete(userPermissions)
        .where(and(eq(userPermissions.userId, userId), eq(userPermissions.permission, permission)))
        .returning();
    },

    async audit(values: NewModerationAction, tx: Executor = db): Promise<void> {
      await tx.insert(moderationActions).values(values);
    },
  };
}
export type CommissionerRepository = ReturnType<typeof createCommissionerRepository>;
