// Claiming an organisation the CQC import created: a provider asks, council staff decide. Approval makes the
// claimant its owner and marks the organisation verified, audited like every council decision.
import { and, asc, eq } from 'drizzle-orm';
import type { ClaimBody, ModerationDecision, OrganisationClaim } from '@care-assist/domain';
import {
  moderationActions,
  organisationClaims,
  organisationMembers,
  organisations,
  users,
  type Database,
  type Executor,
} from '@care-assist/db';
import { Conflict, NotFound } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { requirePermission, requireRole } from '../../access.ts';

const claimRecords = (tx: Executor) =>
  tx
    .select({
      id: organisationClaims.id,
      organisationId: organisationClaims.organisationId,
      organisationName: organisations.name,
      cqcProviderId: organisations.cqcProviderId,
      claimantId: organisationClaims.claimantId,
      claimantEmail: users.email,
      evidence: organisationClaims.evidence,
      status: organisationClaims.status,
      createdAt: organisationClaims.createdAt,
    })
    .from(organisationClaims)
    .innerJoin(organisations, eq(organisations.id, organisationClaims.organisationId))
    .innerJoin(users, eq(users.id, organisationClaims.claimantId));

type ClaimRecord = Awaited<ReturnType<typeof claimRecords>>[number];
const toClaim = (row: ClaimRecord): OrganisationClaim => ({ ...row, createdAt: row.createdAt.toISOString() });

async function hasMembers(organisationId: string, tx: Executor): Promise<boolean> {
  const rows = await tx
    .select({ userId: organisationMembers.userId })
    .from(organisationMembers)
    .where(eq(organisationMembers.organisationId, organisationId))
    .limit(1);
  return rows.length > 0;
}

export function createClaimService({ db, clock }: { db: Database; clock: () => Date }) {
  async function decide(
    actor: Actor | null,
    claimId: string,
    approve: boolean,
    decision: Partial<ModerationDecision>,
  ): Promise<OrganisationClaim> {
    const who = requirePermission(actor, 'verify_providers');
    return db.transaction(async (tx) => {
      const [claim] = await tx
        .select()
        .from(organisationClaims)
        .where(eq(organisationClaims.id, claimId))
        .for('update');
      if (!claim) throw new NotFound('There is no claim with that id.');
      if (claim.status !== 'pending') throw new Conflict(`That claim has already been ${claim.status}.`);
      const now = clock();
      if (approve) {
        // Lock the organisation so two approvals for different claimants cannot both succeed.
        await tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(eq(organisations.id, claim.organisationId))
          .for('update');
        if (await hasMembers(claim.organisationId, tx))
          throw new Conflict('That organisation has already been claimed.');
        await tx
          .insert(organisationMembers)
          .values({ organisationId: claim.organisationId, userId: claim.claimantId, role: 'owner' });
        await tx
          .update(organisations)
          .set({ verifiedAt: now, verifiedBy: who.userId, updatedAt: now })
          .where(eq(organisations.id, claim.organisationId));
      }
      await tx
        .update(organisationClaims)
        .set({ status: approve ? 'approved' : 'rejected', decidedBy: who.userId, decidedAt: now })
        .where(eq(organisationClaims.id, claimId));
      await tx.insert(moderationActions).values({
        actorId: who.userId,
        targetType: 'organisation',
        targetId: claim.organisationId,
        action: approve ? 'approve_claim' : 'reject_claim',
        reasonCode: decision.reasonCode ?? null,
        note: decision.note ?? null,
        details: { claimId, claimantId: claim.claimantId },
        at: now,
      });
      const [row] = await claimRecords(tx).where(eq(organisationClaims.id, claimId));
      return toClaim(row!);
    });
  }

  return {
    /** A provider asks to run an organisation that has no members (one the CQC import made). */
    async claim(actor: Actor | null, organisationId: string, body: ClaimBody): Promise<OrganisationClaim> {
      const who = requireRole(actor, 'provider', 'Only provider accounts can claim an organisation.');
      return db.transaction(async (tx) => {
        const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
        if (!organisation) throw new NotFound('There is no organisation with that id.');
        if (await hasMembers(organisationId, tx))
          throw new Conflict('That organisation is already run by its members.');
        const [row] = await tx
          .insert(organisationClaims)
          .values({ organisationId, claimantId: who.userId, evidence: body.evidence, createdAt: clock() })
          .onConflictDoNothing()
          .returning({ id: organisationClaims.id });
        if (!row) throw new Conflict('You have already claimed that organisation; the council will be in touch.');
        const [record] = await claimRecords(tx).where(eq(organisationClaims.id, row.id));
        return toClaim(record!);
      });
    },

    async pending(actor: Actor | null): Promise<OrganisationClaim[]> {
      requirePermission(actor, 'verify_providers');
      const rows = await claimRecords(db)
        .where(and(eq(organisationClaims.status, 'pending')))
        .orderBy(asc(organisationClaims.createdAt));
      return rows.map(toClaim);
    },

    approve: (actor: Actor | null, claimId: string, note?: string) => decide(actor, claimId, true, { note }),
    reject: (actor: Actor | null, claimId: string, decision: ModerationDecision) =>
      decide(actor, claimId, false, decision),
  };
}
export type ClaimService = ReturnType<typeof createClaimService>;
