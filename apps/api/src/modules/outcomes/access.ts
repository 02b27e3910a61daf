// Who may record and read outcomes: council staff (moderators and admins) record admissions and
// council-arranged care and see every outcome; everyone else sees only what concerns them.
import { COUNCIL_ROLES, isCouncilRole, type UserRole } from '@care-assist/domain';
import { requireRole } from '../../access.ts';
import type { Actor } from '../../plugins/app/actor.ts';

export function isCouncilStaff(role: UserRole): boolean {
  return isCouncilRole(role);
}

export function requireCouncilStaff(actor: Actor | null): Actor {
  return requireRole(actor, COUNCIL_ROLES, 'Only council staff can do that.');
}
