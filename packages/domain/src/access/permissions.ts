// Who may do what: the council's powers are named permissions, and each role holds a fixed set of them.
// This is the one place those sets are written down; the API's services and the web app's page guards both ask
// `can(user, permission)`, so "admin only" and "council staff" mean the same thing everywhere.
// Residents and providers have no council powers; what they may do depends on their role and on what they own
// (their review, their organisation), which the services check against the data.
import { COUNCIL_ROLES, type UserRole } from '../taxonomy.ts';

export const PERMISSIONS = [
  /** Publish or reject reviews, questions and answers; see reviews that are not yet published. */
  'moderate',
  /** Decide organisation claims and verification; look at any organisation and its members. */
  'verify_providers',
  /** Read the audit log of council actions. */
  'read_audit_log',
  /** Open budgets and add money, see every budget, broker bookings and decide invoices and disputes. */
  'manage_budgets',
  /** Create moderator and admin accounts. */
  'create_council_accounts',
  /** Commissioning insight: the council's view of the care market and its outcomes. */
  'commissioner',
  /** Record admissions and council-arranged care, and see every booking's outcome records. */
  'record_outcomes',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MODERATOR_PERMISSIONS = [
  'moderate',
  'verify_providers',
  'record_outcomes',
] as const satisfies readonly Permission[];

/** What each role may do without any grant. Admins hold every permission. */
export const ROLE_PERMISSIONS: Readonly<Record<UserRole, readonly Permission[]>> = {
  resident: [],
  provider: [],
  moderator: MODERATOR_PERMISSIONS,
  admin: PERMISSIONS,
};

/**
 * Permissions an admin may grant to one user on top of their role's (stored per user), and the roles that may
 * hold each grant. A grant held by any other role counts for nothing.
 */
export const GRANTABLE_PERMISSIONS = {
  commissioner: ['moderator'],
} as const satisfies Partial<Record<Permission, readonly UserRole[]>>;
export type GrantablePermission = keyof typeof GRANTABLE_PERMISSIONS;

/** Whether a user with this role may be granted the permission (admins hold everything by role already). */
export function canHoldGrant(role: UserRole, permission: GrantablePermission): boolean {
  return (GRANTABLE_PERMISSIONS[permission] as readonly UserRole[]).includes(role);
}

/** Anyone whose powers we ask about: a role, and any permissions granted to that one user. */
export interface AccessSubject {
  role: UserRole;
  /** As stored: unknown names and grants the role may not hold are ignored. */
  grantedPermissions?: readonly string[] | undefined;
}

const isGrantable = (name: string): name is GrantablePermission => Object.hasOwn(GRANTABLE_PERMISSIONS, name);

/** Everything this user may do: their role's permissions plus the grants their role may hold. */
export function permissionsOf(subject: AccessSubject): ReadonlySet<Permission> {
  const granted = (subject.grantedPermissions ?? []).filter(
    (name) => isGrantable(name) && canHoldGrant(subject.role, name),
  ) as Permission[];
  return new Set([...ROLE_PERMISSIONS[subject.role], ...granted]);
}

/** Whether this user (possibly nobody) holds the permission. */
export function can(subject: AccessSubject | null | undefined, permission: Permission): boolean {
  return subject ? permissionsOf(subject).has(permission) : false;
}

/** Moderators and admins: council staff, whatever their permissions. */
export function isCouncilRole(role: UserRole): boolean {
  return (COUNCIL_ROLES as readonly UserRole[]).includes(role);
}
