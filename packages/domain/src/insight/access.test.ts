import { describe, expect, it } from 'vitest';
import { isCommissioner } from './access.ts';

describe('isCommissioner', () => {
  it('is every admin, and a moderator only with the grant; never residents or providers', () => {
    expect(isCommissioner({ role: 'admin', grantedPermissions: [] })).toBe(true);
    expect(isCommissioner({ role: 'moderator', grantedPermissions: [] })).toBe(false);
    expect(isCommissioner({ role: 'moderator', grantedPermissions: ['commissioner'] })).toBe(true);
    expect(isCommissioner({ role: 'provider', grantedPermissions: ['commissioner'] })).toBe(false);
    expect(isCommissioner({ role: 'resident', grantedPermissions: ['commissioner'] })).toBe(false);
  });
});
