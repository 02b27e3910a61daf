// Who may record and read outcomes. Council staff (moderators and admins) record admissions and
// council-arranged care and see every outcome; everyone else sees only what concerns them.
import type { UserRole } from '@care-assist/domain';
import { Forbidden, Unauthorised } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';

export function isCouncilStaff(role: UserRole): boolean {
  return role === 'moderator' || role === 'admin';
}

export function requireCouncilStaff(actor: Actor | null): Actor {
  if (!actor) throw new Unauthorised();
  if (!isCouncilStaff(actor.role)) throw new Forbidden('Only council staff can do that.');
  return actor;
}
