// The API's one access module. Services call these at the top of every operation (authorisation lives in
// services, not routes), so a rule reads the same from a route, a CLI or a test. What each role may do is
// written once in @care-assist/domain (ROLE_PERMISSIONS); here it becomes 401/403 problems.
import { can, type Permission, type UserRole } from '@care-assist/domain';
import { Forbidden, Unauthorised } from './errors.ts';
import type { Actor } from './plugins/app/actor.ts';

/** What a refusal says, per permission, unless the caller has a more specific sentence. */
const REFUSALS: Record<Permission, string> = {
  moderate: 'Only council moderators can do that.',
  verify_providers: 'Only council staff can do that.',
  read_audit_log: 'Only council admins can read the audit log.',
  manage_budgets: 'Only council staff can do that.',
  create_council_accounts: 'Council accounts can only be created by an administrator.',
  commissioner: 'Only council commissioners can do that.',
  record_outcomes: 'Only council staff can do that.',
};

/** The caller, who must be signed in (401 otherwise). */
export function requireSignIn(actor: Actor | null): Actor {
  if (!actor) throw new Unauthorised();
  return actor;
}

/** The caller, who must be signed in with one of these roles (403 with `refusal` otherwise). */
export function requireRole(actor: Actor | null, roles: UserRole | readonly UserRole[], refusal: string): Actor {
  const who = requireSignIn(actor);
  const allowed: readonly UserRole[] = typeof roles === 'string' ? [roles] : roles;
  if (!allowed.includes(who.role)) throw new Forbidden(refusal);
  return who;
}

/** The caller, who must be signed in and hold the permission (403 otherwise). */
export function requirePermission(actor: Actor | null, permission: Permission, refusal = REFUSALS[permission]): Actor {
  const who = requireSignIn(actor);
  if (!can(who, permission)) throw new Forbidden(refusal);
  return who;
}

/** Whether the caller (possibly nobody) holds the permission, for rules that widen what someone sees. */
export function actorCan(actor: Actor | null, permission: Permission): boolean {
  return can(actor, permission);
}

/**
 * Publishing a review and asking for or accepting a quote need a verified e-mail address (searching and
 * shortlisting do not). An actor built without the flag (CLIs, internal calls) is not held back.
 */
export function requireVerifiedEmail(actor: Actor, what: string): Actor {
  if (actor.emailVerified === false) {
    throw new Forbidden(
      `Confirm your e-mail address before you ${what}: open the link we sent you, or ask for a new one from your account page.`,
    );
  }
  return actor;
}
