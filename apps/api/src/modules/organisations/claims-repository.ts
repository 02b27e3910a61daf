// Drizzle queries for organisation claims: the claims themselves, the organisation and membership they change,
// the council's audited decision, and the search providers use to find their listing.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  moderationActions,
  organisationClaims,
  organisationMembers,
  organisations,
  services,
  users,
  type Database,
  type Executor,
  type NewModerationAction,
  type NewOrganisationClaim,
  type OrganisationClaimRow,
  type OrganisationRow,
} from '@care-assist/db';

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

/** A claim with its organisation's name and CQC id and the claimant's e-mail. */
export type ClaimRecord = Awaited<ReturnType<typeof claimRecords>>[number];

/** `%`, `_` and `\` typed by someone searching are literal characters, not patterns. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createClaimRepository(db: Database) {
  return {
    async findClaimForUpdate(claimId: string, tx: Executor = db): Promise<OrganisationClaimRow | undefined> {
      const [claim] = await tx
        .select()
        .from(organisationClaims)
        .where(eq(organisationClaims.id, claimId))
        .for('update');
      return claim;
    },

    async findOrganisation(organisationId: string, tx: Executor = db): Promise<OrganisationRow | undefined> {
      const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
      return organisation;
    },

    /** Locks the organisation's row until the transaction ends. */
    async lockOrganisation(organisationId: string, tx: Executor = db): Promise<void> {
      await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.id, organisationId))
        .for('update');
    },

    async hasMembers(organisationId: string, tx: Executor = db): Promise<boolean> {
      const rows = await tx
        .select({ userId: organisationMembers.userId })
        .from(organisationMembers)
        .where(eq(organisationMembers.organisationId, organisationId))
        .limit(1);
      return rows.length > 0;
    },

    async addOwner(organisationId: string, userId: string, tx: Executor = db): Promise<void> {
      await tx.insert(organisationMembers).values({ organisationId, userId, role: 'owner' });
    },

    async markOrganisationVerified(organisationId: string, verifiedBy: string, at: Date, tx: Executor = db) {
      await tx
        .update(organisations)
        .set({ verifiedAt: at, verifiedBy, updatedAt: at })
        .where(eq(organisations.id, organisationId));
    },

    async insertClaim(values: NewOrganisationClaim, tx: Executor = db): Promise<{ id: string } | undefined> {
      const [row] = await tx
        .insert(organisationClaims)
        .values(values)
        .onConflictDoNothing()
        .returning({ id: organisationClaims.id });
      return row;
    },

    async recordDecision(
      claimId: string,
      decision: { status: 'approved' | 'rejected'; decidedBy: string; decidedAt: Date },
      tx: Executor = db,
    ): Promise<void> {
      await tx.update(organisationClaims).set(decision).where(eq(organisationClaims.id, claimId));
    },

    async insertModerationAction(values: NewModerationAction, tx: Executor = db): Promise<void> {
      await tx.insert(moderationActions).values(values);
    },

    async findRecord(claimId: string, tx: Executor = db): Promise<ClaimRecord | undefined> {
      const [row] = await claimRecords(tx).where(eq(organisationClaims.id, claimId));
      return row;
    },

    /** A claimant's claims, newest first. */
    async recordsOfClaimant(claimantId: string, tx: Executor = db): Promise<ClaimRecord[]> {
      return claimRecords(tx)
        .where(eq(organisationClaims.claimantId, claimantId))
        .orderBy(desc(organisationClaims.createdAt));
    },

    /** Pending claims, oldest first. */
    async pendingRecords(tx: Executor = db): Promise<ClaimRecord[]> {
      return claimRecords(tx)
        .where(and(eq(organisationClaims.status, 'pending')))
        .orderBy(asc(organisationClaims.createdAt));
    },

    /** The listings of these organisations, by name. */
    async listingsOf(organisationIds: string[], tx: Executor = db) {
      return tx
        .select({
          organisationId: services.organisationId,
          id: services.id,
          name: services.name,
          town: services.town,
          postcode: services.postcode,
        })
        .from(services)
        .where(inArray(services.organisationId, organisationIds))
        .orderBy(asc(services.name));
    },

    /** The council's claim decisions (approve or reject) on these organisations, by claim id. */
    async claimDecisionsOn(organisationIds: string[], tx: Executor = db) {
      return tx
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
        );
    },

    /**
     * Listings matching `text` (trimmed) by service or organisation name, CQC id or postcode start, with their
     * organisation's source, member and service counts, and whether `claimantId` has a pending claim on it.
     */
    async searchClaimable(claimantId: string, text: string, limit: number, tx: Executor = db) {
      const contains = `%${likeLiteral(text)}%`;
      const postcodeStart = `${likeLiteral(text.replace(/\s+/g, '').toUpperCase())}%`;
      const members = sql<number>`(select count(*) from ${organisationMembers} where ${organisationMembers.organisationId} = ${organisations.id})`;
      const serviceCount = sql<number>`(select count(*) from ${services} s2 where s2.organisation_id = ${organisations.id})`;
      const mine = sql<boolean>`exists (select 1 from ${organisationClaims} where ${organisationClaims.organisationId} = ${organisations.id} and ${organisationClaims.claimantId} = ${claimantId} and ${organisationClaims.status} = 'pending')`;
      return tx
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
        .limit(limit);
    },
  };
}
export type ClaimRepository = ReturnType<typeof createClaimRepository>;
