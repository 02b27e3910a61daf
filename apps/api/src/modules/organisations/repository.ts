// Drizzle queries for organisations, their members, invitations and the message outbox.
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import {
  organisationInvitations,
  organisationMembers,
  organisations,
  outboundMessages,
  users,
  type Database,
  type Executor,
  type OrganisationRow,
  type NewOrganisation,
  type InvitationRow,
} from '@care-assist/db';
import type { MemberRole } from '@care-assist/domain';

export function createOrganisationRepository(db: Database) {
  return {
    async insert(values: NewOrganisation, tx: Executor = db): Promise<OrganisationRow | undefined> {
      const [row] = await tx.insert(organisations).values(values).onConflictDoNothing().returning();
      return row;
    },

    async update(id: string, values: Partial<NewOrganisation>, tx: Executor = db): Promise<OrganisationRow> {
      const [row] = await tx.update(organisations).set(values).where(eq(organisations.id, id)).returning();
      return row!;
    },

    async findById(id: string, tx: Executor = db): Promise<OrganisationRow | undefined> {
      const [row] = await tx.select().from(organisations).where(eq(organisations.id, id)).limit(1);
      return row;
    },

    async findByCqcProviderId(cqcProviderId: string, tx: Executor = db): Promise<OrganisationRow | undefined> {
      const [row] = await tx.select().from(organisations).where(eq(organisations.cqcProviderId, cqcProviderId));
      return row;
    },

    async listForMember(userId: string, tx: Executor = db) {
      return tx
        .select({ organisation: organisations, role: organisationMembers.role })
        .from(organisationMembers)
        .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
        .where(eq(organisationMembers.userId, userId))
        .orderBy(asc(organisations.name));
    },

    async roleOf(organisationId: string, userId: string, tx: Executor = db): Promise<MemberRole | null> {
      const [row] = await tx
        .select({ role: organisationMembers.role })
        .from(organisationMembers)
        .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
      return row?.role ?? null;
    },

    async addMember(organisationId: string, userId: string, role: MemberRole, tx: Executor = db): Promise<void> {
      await tx
        .insert(organisationMembers)
        .values({ organisationId, userId, role })
        .onConflictDoUpdate({
          target: [organisationMembers.organisationId, organisationMembers.userId],
          set: { role },
        });
    },

    async members(organisationId: string, tx: Executor = db) {
      return tx
        .select({
          userId: users.id,
          email: users.email,
          displayName: users.displayName,
          role: organisationMembers.role,
          since: organisationMembers.createdAt,
        })
        .from(organisationMembers)
        .innerJoin(users, eq(users.id, organisationMembers.userId))
        .where(eq(organisationMembers.organisationId, organisationId))
        .orderBy(asc(organisationMembers.createdAt));
    },

    async insertInvitation(values: typeof organisationInvitations.$inferInsert, tx: Executor = db) {
      const [row] = await tx.insert(organisationInvitations).values(values).returning();
      return row!;
    },

    async openInvitations(organisationId: string, now: Date, tx: Executor = db): Promise<InvitationRow[]> {
      return tx
        .select()
        .from(organisationInvitations)
        .where(
          and(
            eq(organisationInvitations.organisationId, organisationId),
            isNull(organisationInvitations.acceptedAt),
            gt(organisationInvitations.expiresAt, now),
          ),
        )
        .orderBy(asc(organisationInvitations.createdAt));
    },

    /** Locks the invitation row, so two people racing with one link cannot both use it. */
    async findInvitation(tokenHash: string, tx: Executor = db): Promise<InvitationRow | undefined> {
      const [row] = await tx
        .select()
        .from(organisationInvitations)
        .where(eq(organisationInvitations.tokenHash, tokenHash));
      return row;
    },

    async findInvitationForUpdate(tokenHash: string, tx: Executor): Promise<InvitationRow | undefined> {
      const [row] = await tx
        .select()
        .from(organisationInvitations)
        .where(eq(organisationInvitations.tokenHash, tokenHash))
        .for('update');
      return row;
    },

    async markInvitationAccepted(id: string, userId: string, at: Date, tx: Executor): Promise<void> {
      await tx
        .update(organisationInvitations)
        .set({ acceptedAt: at, acceptedBy: userId })
        .where(eq(organisationInvitations.id, id));
    },

    async queueMessage(message: typeof outboundMessages.$inferInsert, tx: Executor = db): Promise<void> {
      await tx.insert(outboundMessages).values(message);
    },
  };
}
export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
