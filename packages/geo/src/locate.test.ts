import { describe, expect, it } from 'vitest';
import { locatePostcode, outcodeOf } from './locate.ts';

describe('locatePostcode', () => {
  it.each(['CM1 1AA', 'cm11aa', ' cm1  1aa '])('resolves the full postcode %j to its sector', (input) => {
    const result = locatePostcode(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.location.kind).toBe('sector');
    expect(result.location.label).toBe('CM1 1');
    // Chelmsford is at about 51.73 N, 0.47 E.
    expect(result.location.latitude).toBeCloseTo(51.73, 1);
    expect(result.location.longitude).toBeCloseTo(0.47, 1);
  });

  it('resolves a sector typed on its own', () => {
    const result = locatePostcode('CM1 1');
    expect(result).toMatchObject({ ok: true, location: { kind: 'sector', label: 'CM1 1' } });
  });

  it('resolves an outcode to its district', () => {
    const result = locatePostcode('cm1');
    expect(result).toMatchObject({ ok: true, location: { kind: 'district', label: 'CM1' } });
  });

  it('says a town name is not a postcode, so it can be searched as text', () => {
    expect(locatePostcode('Chelmsford')).toEqual({ ok: false, reason: 'not_a_postcode' });
  });

  it.each(['ZZ99 9ZZ', 'CM1 1AAA', '12345', 'QQ1'])('rejects %j as an unknown postcode', (input) => {
    expect(locatePostcode(input)).toEqual({ ok: false, reason: 'unknown_postcode' });
  });

  it('reduces a full postcode to its district for anonymous demand records', () => {
    expect(outcodeOf('cm1 1aa')).toBe('CM1');
    expect(outcodeOf('Chelmsford')).toBeNull();
  });
});
