// Who may see the council's insight: every admin is a commissioner; a moderator is one only when an admin has
// granted it. The rule itself lives in the shared access module (../access/permissions.ts); these names stay
// for the insight code that reads better with them.
import { can, canHoldGrant, type AccessSubject } from '../access/permissions.ts';
import type { UserRole } from '../taxonomy.ts';

export const COMMISSIONER_PERMISSION = 'commissioner';

export function isCommissioner(user: AccessSubject): boolean {
  return can(user, COMMISSIONER_PERMISSION);
}

/** Only moderators can be granted (or lose) the permission; admins have it by role, others never. */
export function canHoldGrantedCommissioner(role: UserRole): boolean {
  return canHoldGrant(role, COMMISSIONER_PERMISSION);
}
