// Drizzle queries for users. Every method takes an optional transaction.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { users, type Database, type Executor, type UserRow } from '@care-assist/db';
import type { UserRole } from '@care-assist/domain';

export function createUserRepository(db: Database) {
  return {
    async findByEmail(email: string, tx: Executor = db): Promise<UserRow | undefined> {
      const [row] = await tx
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
        .limit(1);
      return row;
    },

    async findActiveById(id: string, tx: Executor = db): Promise<UserRow | undefined> {
      const [row] = await tx
        .select()
        .from(users)
        .where(and(eq(users.id, id), isNull(users.disabledAt)))
        .limit(1);
      return row;
    },

    /** Returns undefined when the email is already registered (unique index on lower(email)). */
    async insert(
      user: { email: string; passwordHash: string; displayName: string; role: UserRole; emailVerifiedAt?: Date | null },
      tx: Executor = db,
    ): Promise<UserRow | undefined> {
      const [row] = await tx.insert(users).values(user).onConflictDoNothing().returning();
      return row;
    },

    /** Opening a link we e-mailed proves the person reads mail at the address: it counts as confirming it. */
    async confirmEmail(id: string, at: Date, tx: Executor = db): Promise<void> {
      await tx
        .update(users)
        .set({ emailVerifiedAt: at, updatedAt: at })
        .where(and(eq(users.id, id), isNull(users.emailVerifiedAt)));
    },
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
