// Provider organisations: registering one, its details, its members and single-use staff invitations.
// Invitations are e-mailed through the outbox (outbound_messages), in the transaction that creates them.
import { createHash, randomBytes } from 'node:crypto';
import type {
  InvitationBody,
  Invitation,
  InvitationPreview,
  Member,
  MembersResponse,
  Organisation,
  OrganisationBody,
  OrganisationPatch,
} from '@care-assist/domain';
import type { Database, InvitationRow, OrganisationRow } from '@care-assist/db';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { actorCan, requireRole, requireSignIn } from '../../access.ts';
import { requireMembership } from './access.ts';
import type { OrganisationRepository } from './repository.ts';
import type { UserRepository } from '../users/repository.ts';

const INVITATION_TTL_DAYS = 14;

interface OrganisationDeps {
  db: Database;
  organisations: OrganisationRepository;
  users: UserRepository;
  clock: () => Date;
  webOrigin: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function toOrganisation(row: OrganisationRow, myRole: Organisation['myRole']): Organisation {
  return {
    id: row.id,
    name: row.name,
    sector: row.sector,
    cqcProviderId: row.cqcProviderId,
    companyNumber: row.companyNumber,
    charityNumber: row.charityNumber,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    website: row.website,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    source: row.source,
    myRole,
    createdAt: row.createdAt.toISOString(),
  };
}

const toInvitation = (row: InvitationRow): Invitation => ({
  id: row.id,
  organisationId: row.organisationId,
  email: row.email,
  role: row.role,
  expiresAt: row.expiresAt.toISOString(),
});

/** The invitation behind a token, or the reason it cannot be used. */
function openInvitation(invitation: InvitationRow | undefined, now: Date): InvitationRow {
  if (!invitation) throw new NotFound('That invitation link is not valid.');
  if (invitation.acceptedAt) throw new Conflict('That invitation has already been used.');
  if (invitation.expiresAt <= now) throw new Conflict('That invitation has expired; ask for a new one.');
  return invitation;
}

const cqcTaken = () =>
  new Conflict(
    'Another organisation is already registered with that CQC provider id. If the CQC import listed your services under it, claim it instead (Claim your listing, in the provider portal).',
  );

export function createOrganisationService({ db, organisations, users, clock, webOrigin }: OrganisationDeps) {
  return {
    /** A provider registers an organisation and becomes its first owner. It is unverified until the council checks it. */
    async register(actor: Actor | null, body: OrganisationBody): Promise<Organisation> {
      const who = requireRole(actor, 'provider', 'Only provider accounts can register an organisation.');
      return db.transaction(async (tx) => {
        const now = clock();
        const row = await organisations.insert({ ...body, source: 'provider', createdAt: now, updatedAt: now }, tx);
        if (!row) throw cqcTaken();
        await organisations.addMember(row.id, who.userId, 'owner', tx);
        return toOrganisation(row, 'owner');
      });
    },

    async listMine(actor: Actor | null): Promise<Organisation[]> {
      const who = requireSignIn(actor);
      const rows = await organisations.listForMember(who.userId);
      return rows.map((r) => toOrganisation(r.organisation, r.role));
    },

    async get(actor: Actor | null, id: string): Promise<Organisation> {
      const who = requireSignIn(actor);
      if (actorCan(who, 'verify_providers')) {
        const row = await organisations.findById(id);
        if (!row) throw new NotFound('There is no organisation with that id.');
        return toOrganisation(row, await organisations.roleOf(id, who.userId));
      }
      const { organisation, role } = await requireMembership(organisations, who, id);
      return toOrganisation(organisation, role);
    },

    /** Owners change the details. A changed CQC provider id needs the council to verify the organisation again. */
    async update(actor: Actor | null, id: string, patch: OrganisationPatch): Promise<Organisation> {
      return db.transaction(async (tx) => {
        const { organisation } = await requireMembership(organisations, actor, id, { minimum: 'owner', tx });
        const cqcChanged = patch.cqcProviderId !== undefined && patch.cqcProviderId !== organisation.cqcProviderId;
        if (cqcChanged && patch.cqcProviderId) {
          const holder = await organisations.findByCqcProviderId(patch.cqcProviderId, tx);
          if (holder && holder.id !== id) throw cqcTaken();
        }
        const row = await organisations.update(
          id,
          { ...patch, updatedAt: clock(), ...(cqcChanged ? { verifiedAt: null, verifiedBy: null } : {}) },
          tx,
        );
        return toOrganisation(row, 'owner');
      });
    },

    async members(actor: Actor | null, id: string): Promise<MembersResponse> {
      const who = requireSignIn(actor);
      if (!actorCan(who, 'verify_providers')) await requireMembership(organisations, who, id);
      else if (!(await organisations.findById(id))) throw new NotFound('There is no organisation with that id.');
      const [members, invitations] = await Promise.all([
        organisations.members(id),
        organisations.openInvitations(id, clock()),
      ]);
      return {
        members: members.map((m): Member => ({ ...m, since: m.since.toISOString() })),
        invitations: invitations.map(toInvitation),
      };
    },

    /**
     * An owner invites someone by e-mail. The token is random, single use, expires, and only its hash is
     * kept; the link goes into the message outbox in the same transaction.
     */
    async invite(actor: Actor | null, id: string, body: InvitationBody): Promise<Invitation> {
      return db.transaction(async (tx) => {
        const { actor: who, organisation } = await requireMembership(organisations, actor, id, {
          minimum: 'owner',
          tx,
        });
        const email = body.email.trim().toLowerCase();
        const existing = await users.findByEmail(email, tx);
        if (existing && (await organisations.roleOf(id, existing.id, tx))) {
          throw new ValidationFailed(`${email} is already a member of ${organisation.name}.`, [
            { field: 'email', message: 'This person is already a member' },
          ]);
        }
        const token = randomBytes(32).toString('base64url');
        const now = clock();
        const row = await organisations.insertInvitation(
          {
            organisationId: id,
            email,
            role: body.role,
            tokenHash: hashToken(token),
            invitedBy: who.userId,
            expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000),
            createdAt: now,
          },
          tx,
        );
        const link = `${webOrigin}/provider/invitations/${token}`;
        await organisations.queueMessage(
          {
            to: email,
            subject: `You are invited to help run ${organisation.name} on Care Assist`,
            body: [
              `You have been invited to join ${organisation.name} on Care Assist as ${body.role === 'owner' ? 'an owner' : 'a member of staff'}.`,
              `Sign in (or create a provider account with this e-mail address) and open this link within ${INVITATION_TTL_DAYS} days:`,
              link,
              'The link works once. If you did not expect this, you can ignore this message.',
            ].join('\n\n'),
            link,
            reason: `Someone at ${organisation.name} invited this address to join them on Care Assist.`,
            createdAt: now,
          },
          tx,
        );
        return toInvitation(row);
      });
    },

    /**
     * What the link is for, shown to someone who may not have an account yet, so they can create one with the
     * invited address. The token is the credential: only the person who got the e-mail has it.
     */
    async previewInvitation(token: string): Promise<InvitationPreview> {
      const invitation = openInvitation(await organisations.findInvitation(hashToken(token)), clock());
      const organisation = await organisations.findById(invitation.organisationId);
      if (!organisation) throw new NotFound('That invitation link is not valid.');
      return {
        organisationName: organisation.name,
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expiresAt.toISOString(),
      };
    },

    /**
     * The signed-in person whose e-mail the invitation was sent to joins the organisation. Opening the link proves
     * they read mail at that address, so an account created for it a moment ago counts as confirmed.
     */
    async acceptInvitation(actor: Actor | null, token: string): Promise<Organisation> {
      const who = requireSignIn(actor);
      return db.transaction(async (tx) => {
        const now = clock();
        const invitation = openInvitation(await organisations.findInvitationForUpdate(hashToken(token), tx), now);
        const user = await users.findActiveById(who.userId, tx);
        if (!user || user.email.toLowerCase() !== invitation.email) {
          throw new Forbidden(`That invitation was sent to ${invitation.email}; sign in with that address.`);
        }
        await organisations.addMember(invitation.organisationId, who.userId, invitation.role, tx);
        await users.confirmEmail(user.id, now, tx);
        await organisations.markInvitationAccepted(invitation.id, who.userId, now, tx);
        const row = await organisations.findById(invitation.organisationId, tx);
        return toOrganisation(row!, invitation.role);
      });
    },
  };
}
export type OrganisationService = ReturnType<typeof createOrganisationService>;
