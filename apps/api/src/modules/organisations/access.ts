// Who may do what with an organisation and its listings. Every provider-facing service asks here,
// so the answer is the same whichever route (or CLI, or test) calls it.
import type { MemberRole } from '@care-assist/domain';
import { Forbidden, NotFound, Unauthorised } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { OrganisationRepository, OrganisationRow } from './repository.ts';
import type { Executor } from '@care-assist/db';

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new Unauthorised();
  return actor;
}

export function isCouncil(actor: Actor): boolean {
  return actor.role === 'moderator' || actor.role === 'admin';
}

export function requireCouncil(actor: Actor | null): Actor {
  const who = requireActor(actor);
  if (!isCouncil(who)) throw new Forbidden('Only council staff can do that.');
  return who;
}

/**
 * The organisation and the caller's role in it. Not a member: 403 (the id is no secret, the data is).
 * `minimum: 'owner'` for things only owners may do (invite staff, change the organisation's details).
 */
export async function requireMembership(
  organisations: OrganisationRepository,
  actor: Actor | null,
  organisationId: string,
  options: { minimum?: MemberRole; tx?: Executor } = {},
): Promise<{ actor: Actor; organisation: OrganisationRow; role: MemberRole }> {
  const who = requireActor(actor);
  const organisation = await organisations.findById(organisationId, options.tx);
  if (!organisation) throw new NotFound('There is no organisation with that id.');
  const role = await organisations.roleOf(organisationId, who.userId, options.tx);
  if (!role) throw new Forbidden('You are not a member of that organisation.');
  if (options.minimum === 'owner' && role !== 'owner') {
    throw new Forbidden('Only an owner of the organisation can do that.');
  }
  return { actor: who, organisation, role };
}
