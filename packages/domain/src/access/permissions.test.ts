import { describe, expect, it } from 'vitest';
import { USER_ROLES } from '../taxonomy.ts';
import { PERMISSIONS, can, canHoldGrant, isCouncilRole, permissionsOf } from './permissions.ts';

describe('permissions', () => {
  it('gives residents and providers no council powers', () => {
    for (const role of ['resident', 'provider'] as const) {
      for (const permission of PERMISSIONS) expect(can({ role }, permission)).toBe(false);
    }
  });

  it('lets moderators moderate and verify, and keeps the admin-only powers from them', () => {
    expect([...permissionsOf({ role: 'moderator' })].sort()).toEqual([
      'moderate',
      'record_outcomes',
      'verify_providers',
    ]);
  });

  it('gives admins every permission', () => {
    expect(permissionsOf({ role: 'admin' }).size).toBe(PERMISSIONS.length);
  });

  it('adds a per-user grant to the role set, for that user only, when the role may hold it', () => {
    expect(can({ role: 'moderator', grantedPermissions: ['commissioner'] }, 'commissioner')).toBe(true);
    expect(can({ role: 'moderator' }, 'commissioner')).toBe(false);
    expect(can({ role: 'provider', grantedPermissions: ['commissioner'] }, 'commissioner')).toBe(false);
    expect(can({ role: 'resident', grantedPermissions: ['commissioner', 'moderate'] }, 'moderate')).toBe(false);
    expect(can({ role: 'moderator', grantedPermissions: ['manage_budgets'] }, 'manage_budgets')).toBe(false);
    expect(canHoldGrant('moderator', 'commissioner')).toBe(true);
    expect(canHoldGrant('admin', 'commissioner')).toBe(false);
  });

  it('refuses nobody', () => {
    expect(can(null, 'moderate')).toBe(false);
    expect(can(undefined, 'moderate')).toBe(false);
  });

  it('knows which roles are council staff', () => {
    expect(USER_ROLES.filter(isCouncilRole)).toEqual(['moderator', 'admin']);
  });
});
