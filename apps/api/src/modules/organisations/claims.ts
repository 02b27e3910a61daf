// Claiming an organisation the CQC import created: a provider finds their listing, asks, council staff decide.
// Approval makes the claimant its owner and marks the organisation verified, audited like every council
// decision; the claimant is told either way (in-app notification) and sees the decision on their claims.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  ClaimBody,
  ClaimableService,
  ModerationDecision,
  ModerationReason,
  MyClaim,
  OrganisationClaim,
} from '@care-assist/domain';
import {
  moderationActions,
  organisationClaims,
  organisationMembers,
  organisations,
  services,
  users,
  type Database,
  type Executor,
} from '@care-assist/db';
import { Conflict, NotFound } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { requirePermission, requireRole } from '../../access.ts';
import type { NotificationService } from '../notifications/service.ts';

/** At most this many listings answer one search: enough to find yours, too few to page through the register. */
const CLAIM_SEARCH_LIMIT = 20;
const claimRefusal = 'Only provider accounts can claim an organisation.';

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
      decidedAt: organisationClaims.decidedAt,
    })
    .from(organisationClaims)
    .innerJoin(organisations, eq(organisations.id, organisationClaims.organisationId))
    .innerJoin(users, eq(users.id, organisationClaims.claimantId));

type ClaimRecord = Awaited<ReturnType<typeof claimRecords>>[number];
const toClaim = ({ decidedAt: _decidedAt, ...row }: ClaimRecord): OrganisationClaim => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
});

async function hasMembers(organisationId: string, tx: Executor): Promise<boolean> {
  const rows = await tx
    .select({ userId: organisationMembers.userId })
    .from(organisationMembers)
    .where(eq(organisationMembers.organisationId, organisationId))
    .limit(1);
  return rows.length > 0;
}

/** `%`, `_` and `\` typed by someone searching are literal characters, not patterns. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

interface ClaimDeps {
  db: Database;
  notifications: NotificationService;
  clock: () => Date;
}

export function createClaimService({ db, notifications, clock }: ClaimDeps) {
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
        const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
        if (!organisation) throw new NotFound('There is no organisation with that id.');
        if (organisation.source !== 'cqc' || (await hasMembers(organisationId, tx)))
          throw new Conflict('That organisation is already run by its members; ask its owner to invite you.');
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

    /** Listings a provider may be looking for: by service or organisation name, CQC id or postcode. */
    async search(actor: Actor | null, q: string): Promise<ClaimableService[]> {
      const who = requireRole(actor, 'provider', claimRefusal);
      const text = q.trim();
      const contains = `%${likeLiteral(text)}%`;
      const postcodeStart = `${likeLiteral(text.replace(/\s+/g, '').toUpperCase())}%`;
      const members = sql<number>`(select count(*) from ${organisationMembers} where ${organisationMembers.organisationId} = ${organisations.id})`;
      const serviceCount = sql<number>`(select count(*) from ${services} s2 where s2.organisation_id = ${organisations.id})`;
      const mine = sql<boolean>`exists (select 1 from ${organisationClaims} where ${organisationClaims.organisationId} = ${organisations.id} and ${organisationClaims.claimantId} = ${who.userId} and ${organisationClaims.status} = 'pending')`;
      const rows = await db
        .select({
          serviceId: services.id,
          serviceName: services.name,
          careTypes: services.careTypes,
          addressLine1: services.addressLine1,
          town: services.town,
          postcode: services.postcode,
          cqcLocationId: services.cqcLocationId,
          organisationId: organisations.id,
          organisationName: organisations.name,
          cqcProviderId: organisations.cqcProviderId,
          source: organisations.source,
          members: members.mapWith(Number),
          organisationServiceCount: serviceCount.mapWith(Number),
          mine,
        })
        .from(services)
        .innerJoin(organisations, eq(organisations.id, services.organisationId))
        .where(
          sql`(${services.name} ilike ${contains} or ${organisations.name} ilike ${contains}
            or upper(${services.cqcLocationId}) = ${text.toUpperCase()} or upper(${organisations.cqcProviderId}) = ${text.toUpperCase()}
            or replace(upper(${services.postcode}), ' ', '') like ${postcodeStart})`,
        )
        .orderBy(asc(services.name), asc(services.id))
        .limit(CLAIM_SEARCH_LIMIT);
      return rows.map(({ source, members: memberCount, mine: yours, ...row }) => ({
        ...row,
        claimability: source !== 'cqc' || memberCount > 0 ? 'managed' : yours ? 'yours_pending' : 'claimable',
      }));
    },

    /** The caller's claims, newest first, with the council's decision and the listings each one covers. */
    async mine(actor: Actor | null): Promise<MyClaim[]> {
      const who = requireRole(actor, 'provider', claimRefusal);
      const claims = await claimRecords(db)
        .where(eq(organisationClaims.claimantId, who.userId))
        .orderBy(desc(organisationClaims.createdAt));
      if (claims.length === 0) return [];
      const organisationIds = [...new Set(claims.map((c) => c.organisationId))];
      const [listings, decisions] = await Promise.all([
        db
          .select({
            organisationId: services.organisationId,
            id: services.id,
            name: services.name,
            town: services.town,
            postcode: services.postcode,
          })
          .from(services)
          .where(inArray(services.organisationId, organisationIds))
          .orderBy(asc(services.name)),
        db
          .select({
            claimId: sql<string>`${moderationActions.details}->>'claimId'`,
            reasonCode: moderationActions.reasonCode,
            note: moderationActions.note,
          })
          .from(moderationActions)
          .where(
            and(
              eq(moderationActions.targetType, 'organisation'),
              inArray(moderationActions.action, ['approve_claim', 'reject_claim']),
              inArray(moderationActions.targetId, organisationIds),
            ),
          ),
      ]);
      return claims.map((claim) => {
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
