// Who may see the council's insight. Kept in one small function so the shared access module (issue 11)
// can fold it in: every admin is a commissioner; a moderator is one only when an admin has granted it.

import type { UserRole } from '../taxonomy.ts';

export const COMMISSIONER_PERMISSION = 'commissioner';

export function isCommissioner(user: { role: UserRole; grantedPermissions: readonly string[] }): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'moderator' && user.grantedPermissions.includes(COMMISSIONER_PERMISSION);
}

/** Only moderators can be granted (or lose) the permission; admins have it by role, others never. */
export function canHoldGrantedCommissioner(role: UserRole): boolean {
  return role === 'moderator';
}
