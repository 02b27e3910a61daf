import { describe, expect, it } from 'vitest';
import { districtCentroids } from './centroids.ts';
import { buildPlaceIndex, editDistance, placeKey } from './place-index.ts';

const index = buildPlaceIndex([
  { town: 'Chelmsford', outcode: 'CM1', services: 30 },
  { town: 'Chelmsford', outcode: 'CM2', services: 20 },
  { town: "King's Lynn", outcode: 'PE30', services: 4 },
  { town: 'St Ives', outcode: 'PE27', services: 3 },
  { town: 'Southend-on-Sea', outcode: 'SS1', services: 6 },
  { town: 'Peterborough', outcode: 'PE1', services: 5 },
  { town: 'Nowhere', outcode: 'ZZ99', services: 2 },
]);

describe('placeKey', () => {
  it('ignores case, punctuation and Saint/St', () => {
    expect(placeKey("  KING'S-lynn ")).toBe('kings lynn');
    expect(placeKey('Saint Ives')).toBe('st ives');
    expect(placeKey('Southend on Sea')).toBe(placeKey('Southend-on-Sea'));
  });
});

describe('buildPlaceIndex', () => {
  it('locates a town between the districts its services are in, weighted by services', () => {
    const place = index.find('Chelmsford')!;
    const [cm1, cm2] = [districtCentroids().get('CM1')!, districtCentroids().get('CM2')!];
    expect(place.name).toBe('Chelmsford');
    expect(place.latitude).toBeCloseTo((cm1.latitude * 30 + cm2.latitude * 20) / 50, 6);
    expect(place.longitude).toBeCloseTo((cm1.longitude * 30 + cm2.longitude * 20) / 50, 6);
  });

  it('finds places whatever the case, punctuation or everyday alias', () => {
    expect(index.find('kings lynn')?.name).toBe("King's Lynn");
    expect(index.find('saint ives')?.name).toBe('St Ives');
    expect(index.find('SOUTHEND')?.name).toBe('Southend-on-Sea');
    expect(index.find('Chelmsford, Essex')?.name).toBe('Chelmsford');
  });

  it('forgives a typo in a longer name but not in a short one', () => {
    expect(index.find('Chelmsfrod')?.name).toBe('Chelmsford');
    expect(index.find('Chemlsford')?.name).toBe('Chelmsford');
    expect(index.find('Peterbrough')?.name).toBe('Peterborough');
    expect(index.find('Lynx')).toBeNull(); // four letters: too short to guess from
  });

  it('says it does not know a place rather than guessing', () => {
    expect(index.find('Atlantis')).toBeNull();
    expect(index.find('Nowhere')).toBeNull(); // its district is not in the postcode data
    expect(index.size).toBe(5);
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('abcd', 'abdc')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });
});
