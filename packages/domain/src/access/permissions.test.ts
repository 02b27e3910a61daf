import { describe, expect, it } from 'vitest';
import { USER_ROLES } from '../taxonomy.ts';
import { GRANTABLE_PERMISSIONS, PERMISSIONS, can, isCouncilRole, permissionsOf } from './permissions.ts';

describe('permissions', () => {
  it('gives residents and providers no council powers', () => {
    for (const role of ['resident', 'provider'] as const) {
      for (const permission of PERMISSIONS) expect(can({ role }, permission)).toBe(false);
    }
  });

  it('lets moderators moderate and verify, and keeps the admin-only powers from them', () => {
    expect([...permissionsOf({ role: 'moderator' })].sort()).toEqual(['moderate', 'verify_providers']);
  });

  it('gives admins every permission', () => {
    expect(permissionsOf({ role: 'admin' }).size).toBe(PERMISSIONS.length);
  });

  it('adds a per-user grant to the role set, for that user only', () => {
    expect(can({ role: 'moderator', grantedPermissions: ['commission'] }, 'commission')).toBe(true);
    expect(can({ role: 'moderator' }, 'commission')).toBe(false);
    expect(GRANTABLE_PERMISSIONS).toContain('commission');
  });

  it('refuses nobody', () => {
    expect(can(null, 'moderate')).toBe(false);
    expect(can(undefined, 'moderate')).toBe(false);
  });

  it('knows which roles are council staff', () => {
    expect(USER_ROLES.filter(isCouncilRole)).toEqual(['moderator', 'admin']);
  });
});
