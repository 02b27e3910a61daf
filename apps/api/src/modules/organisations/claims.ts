// Claiming an organisation the CQC import created: a provider finds their listing, asks, council staff decide.
// Approval makes the claimant its owner and marks the organisation verified, audited like every council
// decision; the claimant is told either way (in-app notification) and sees the decision on their claims.
import type {
  ClaimBody,
  ClaimableService,
  ModerationDecision,
  ModerationReason,
  MyClaim,
  OrganisationClaim,
} from '@care-assist/domain';
import type { Database } from '@care-assist/db';
import { Conflict, NotFound } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { requirePermission, requireRole } from '../../access.ts';
import type { NotificationService } from '../notifications/service.ts';
import type { ClaimRecord, ClaimRepository } from './claims-repository.ts';

/** At most this many listings answer one search: enough to find yours, too few to page through the register. */
const CLAIM_SEARCH_LIMIT = 20;
const claimRefusal = 'Only provider accounts can claim an organisation.';

const toClaim = ({ decidedAt: _decidedAt, ...row }: ClaimRecord): OrganisationClaim => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
});

interface ClaimDeps {
  db: Database;
  claims: ClaimRepository;
  notifications: NotificationService;
  clock: () => Date;
}

export function createClaimService({ db, claims, notifications, clock }: ClaimDeps) {
  async function decide(
    actor: Actor | null,
    claimId: string,
    approve: boolean,
    decision: Partial<ModerationDecision>,
  ): Promise<OrganisationClaim> {
    const who = requirePermission(actor, 'verify_providers');
    return db.transaction(async (tx) => {
      const claim = await claims.findClaimForUpdate(claimId, tx);
      if (!claim) throw new NotFound('There is no claim with that id.');
      if (claim.status !== 'pending') throw new Conflict(`That claim has already been ${claim.status}.`);
      const now = clock();
      if (approve) {
        // Lock the organisation so two approvals for different claimants cannot both succeed.
        await claims.lockOrganisation(claim.organisationId, tx);
        if (await claims.hasMembers(claim.organisationId, tx))
          throw new Conflict('That organisation has already been claimed.');
        await claims.addOwner(claim.organisationId, claim.claimantId, tx);
        await claims.markOrganisationVerified(claim.organisationId, who.userId, now, tx);
      }
      await claims.recordDecision(
        claimId,
        { status: approve ? 'approved' : 'rejected', decidedBy: who.userId, decidedAt: now },
        tx,
      );
      await claims.insertModerationAction(
        {
          actorId: who.userId,
          targetType: 'organisation',
          targetId: claim.organisationId,
          action: approve ? 'approve_claim' : 'reject_claim',
          reasonCode: decision.reasonCode ?? null,
          note: decision.note ?? null,
          details: { claimId, claimantId: claim.claimantId },
          at: now,
        },
        tx,
      );
      const row = await claims.findRecord(claimId, tx);
      await notifications.notify(tx, [claim.claimantId], {
        kind: approve ? 'claim_approved' : 'claim_rejected',
        text: approve
          ? `The council approved your claim: ${row!.organisationName} and its listings are now yours to manage.`
          : `The council did not approve your claim to run ${row!.organisationName}. See the reason on your claims.`,
        link: '/provider/claims',
      });
      return toClaim(row!);
    });
  }

  return {
    /** A provider asks to run an organisation that has no members (one the CQC import made). */
    async claim(actor: Actor | null, organisationId: string, body: ClaimBody): Promise<OrganisationClaim> {
      const who = requireRole(actor, 'provider', claimRefusal);
      return db.transaction(async (tx) => {
        const organisation = await claims.findOrganisation(organisationId, tx);
        if (!organisation) throw new NotFound('There is no organisation with that id.');
        if (organisation.source !== 'cqc' || (await claims.hasMembers(organisationId, tx)))
          throw new Conflict('That organisation is already run by its members; ask its owner to invite you.');
        const row = await claims.insertClaim(
          { organisationId, claimantId: who.userId, evidence: body.evidence, createdAt: clock() },
          tx,
        );
        if (!row) throw new Conflict('You have already claimed that organisation; the council will be in touch.');
        const record = await claims.findRecord(row.id, tx);
        return toClaim(record!);
      });
    },

    /** Listings a provider may be looking for: by service or organisation name, CQC id or postcode. */
    async search(actor: Actor | null, q: string): Promise<ClaimableService[]> {
      const who = requireRole(actor, 'provider', claimRefusal);
      const rows = await claims.searchClaimable(who.userId, q.trim(), CLAIM_SEARCH_LIMIT);
      return rows.map(({ source, members: memberCount, mine: yours, ...row }) => ({
        ...row,
        claimability: source !== 'cqc' || memberCount > 0 ? 'managed' : yours ? 'yours_pending' : 'claimable',
      }));
    },

    /** The caller's claims, newest first, with the council's decision and the listings each one covers. */
    async mine(actor: Actor | null): Promise<MyClaim[]> {
      const who = requireRole(actor, 'provider', claimRefusal);
      const records = await claims.recordsOfClaimant(who.userId);
      if (records.length === 0) return [];
      const organisationIds = [...new Set(records.map((c) => c.organisationId))];
      const [listings, decisions] = await Promise.all([
        claims.listingsOf(organisationIds),
        claims.claimDecisionsOn(organisationIds),
      ]);
      return records.map((claim) => {
        const decision = decisions.find((d) => d.claimId === claim.id);
        return {
          id: claim.id,
          organisationId: claim.organisationId,
          organisationName: claim.organisationName,
          evidence: claim.evidence,
          status: claim.status,
          createdAt: claim.createdAt.toISOString(),
          decidedAt: claim.decidedAt?.toISOString() ?? null,
          reasonCode: (decision?.reasonCode as ModerationReason | null | undefined) ?? null,
          decisionNote: decision?.note ?? null,
          services: listings
            .filter((l) => l.organisationId === claim.organisationId)
            .map(({ organisationId: _organisation, ...listing }) => listing),
        };
      });
    },

    async pending(actor: Actor | null): Promise<OrganisationClaim[]> {
      requirePermission(actor, 'verify_providers');
      const rows = await claims.pendingRecords();
      return rows.map(toClaim);
    },

    approve: (actor: Actor | null, claimId: string, note?: string) => decide(actor, claimId, true, { note }),
    reject: (actor: Actor | null, claimId: string, decision: ModerationDecision) =>
      decide(actor, claimId, false, decision),
  };
}
export type ClaimService = ReturnType<typeof createClaimService>;
