// Membership of an organisation: who may do what with it and its listings. Every provider-facing service asks
// here, so the answer is the same whichever route (or CLI, or test) calls it. Council powers: ../../access.ts.
import type { MemberRole } from '@care-assist/domain';
import { requireSignIn } from '../../access.ts';
import { Forbidden, NotFound } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { OrganisationRepository } from './repository.ts';
import type { Executor, OrganisationRow } from '@care-assist/db';

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
  const who = requireSignIn(actor);
  const organisation = await organisations.findById(organisationId, options.tx);
  if (!organisation) throw new NotFound('There is no organisation with that id.');
  const role = await organisations.roleOf(organisationId, who.userId, options.tx);
  if (!role) throw new Forbidden('You are not a member of that organisation.');
  if (options.minimum === 'owner' && role !== 'owner') {
    throw new Forbidden('Only an owner of the organisation can do that.');
  }
  return { actor: who, organisation, role };
}
