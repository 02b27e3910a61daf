import { describe, expect, it } from 'vitest';
import { rankingScore } from './maths.ts';
import {
  groupSignalsOf,
  isNewAccount,
  newAccountFlag,
  REDUCED_TRUST_WEIGHT,
  sharedDeviceFlag,
  trustWeightOf,
  withFlag,
} from './review-fraud.ts';

const at = new Date('2026-11-20T12:00:00Z');
const minutesBefore = (m: number) => new Date(at.getTime() - m * 60_000);

describe('review fraud rules', () => {
  it('calls an account new only in the hour before it writes', () => {
    expect(isNewAccount(minutesBefore(3), at)).toBe(true);
    expect(isNewAccount(minutesBefore(59), at)).toBe(true);
    expect(isNewAccount(minutesBefore(60), at)).toBe(false);
    expect(isNewAccount(new Date(at.getTime() + 60_000), at)).toBe(false);
    expect(newAccountFlag(minutesBefore(1), at)).toEqual([{ code: 'new_account', match: 'account 1 minute old' }]);
  });

  it('flags a browser shared with other reviewers, and weighs such reviews less', () => {
    expect(sharedDeviceFlag(0)).toEqual([]);
    const shared = sharedDeviceFlag(2);
    expect(shared[0]).toMatchObject({ code: 'shared_device', match: '3 accounts from one browser' });
    expect(trustWeightOf(shared)).toBe(REDUCED_TRUST_WEIGHT);
    expect(trustWeightOf([{ code: 'burst', match: '' }])).toBe(1);
    expect(trustWeightOf([{ code: 'phone', match: '' }])).toBe(1);
  });

  it('groups on burst, network and device signals only, and re-flags without duplicating', () => {
    const flags = [
      { code: 'phone' as const, match: '0770' },
      { code: 'network_burst' as const, match: '3' },
      { code: 'new_account' as const, match: '' },
    ];
    expect(groupSignalsOf(flags)).toEqual(['network_burst']);
    expect(withFlag(flags, { code: 'network_burst', match: '4' })).toHaveLength(3);
    expect(withFlag(flags, { code: 'burst', match: '5' }).map((f) => f.code)).toContain('burst');
  });

  it('counts an unverified review with a trust signal at half weight in the ranking, a verified one fully', () => {
    const review = { overall: 5, categories: {}, writtenAt: at, verified: false };
    const full = rankingScore([review], 3, at);
    const half = rankingScore([{ ...review, trustWeight: 0.5 }], 3, at);
    const verified = rankingScore([{ ...review, verified: true, trustWeight: 0.5 }], 3, at);
    expect(half).toBeLessThan(full);
    expect(half).toBeCloseTo((3 * 5 + 5 * 0.5) / 5.5, 10);
    expect(verified).toBe(full);
  });
});
