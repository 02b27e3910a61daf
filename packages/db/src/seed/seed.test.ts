import { describe, expect, it } from 'vitest';
import { haversineKm } from '@care-assist/domain';
import { districtCentroids, locatePostcode } from '@care-assist/geo';
import { generateDemoData } from './generate.ts';
import { slugify } from './names.ts';
import { PLACES, buildPostcode, offsetPoint, sectorsOf } from './places.ts';

describe('buildPostcode', () => {
  it('joins a sector and a unit into a full postcode that geocodes to that sector', () => {
    expect(buildPostcode('CM1 1', 'AB')).toBe('CM1 1AB');
    const located = locatePostcode(buildPostcode('CM1 1', 'AB'));
    expect(located.ok && located.location.label).toBe('CM1 1');
  });

  it('rejects anything that is not a sector, and unit letters a postcode never uses', () => {
    expect(() => buildPostcode('CM1', 'AB')).toThrow();
    expect(() => buildPostcode('CM1 1', 'AC')).toThrow();
    expect(() => buildPostcode('CM1 1', 'A')).toThrow();
  });
});

describe('offsetPoint', () => {
  it('moves a point by about the distance asked, in any direction', () => {
    const start = { latitude: 51.7356, longitude: 0.4685 };
    for (const bearing of [0, Math.PI / 3, Math.PI, 5]) {
      const moved = offsetPoint(start, 300, bearing);
      const km = haversineKm(
        { lat: start.latitude, lng: start.longitude },
        { lat: moved.latitude, lng: moved.longitude },
      );
      expect(km).toBeGreaterThan(0.29);
      expect(km).toBeLessThan(0.31);
    }
  });
});

describe('places', () => {
  it('lists only real districts, each with real sectors', () => {
    for (const place of PLACES) {
      expect(districtCentroids().has(place.district), place.district).toBe(true);
      const sectors = sectorsOf(place.district);
      expect(sectors.length, place.district).toBeGreaterThan(0);
      expect(sectors.every((s) => s.sector.startsWith(`${place.district} `))).toBe(true);
    }
  });
});

describe('slugify', () => {
  it('kebab-cases the name and adds the town unless the name already has it', () => {
    expect(slugify("St Clare's Nursing Home", 'Chelmsford')).toBe('st-clares-nursing-home-chelmsford');
    expect(slugify('Hearth & Home Care', "Bishop's Stortford")).toBe('hearth-and-home-care-bishops-stortford');
    expect(slugify('Kingfisher Home Care Southend-on-Sea', 'Southend-on-Sea')).toBe(
      'kingfisher-home-care-southend-on-sea',
    );
  });
});

describe('generateDemoData', () => {
  it('is a pure function of the seed', () => {
    expect(generateDemoData(7)).toEqual(generateDemoData(7));
    expect(generateDemoData(7).services[10]).not.toEqual(generateDemoData(8).services[10]);
  });

  it('puts each service within 300 m of a sector of its own district', () => {
    const data = generateDemoData();
    for (const s of data.services) {
      const located = locatePostcode(s.postcode);
      expect(located.ok).toBe(true);
      if (!located.ok) continue;
      const km = haversineKm(
        { lat: s.latitude, lng: s.longitude },
        { lat: located.location.latitude, lng: located.location.longitude },
      );
      expect(km).toBeLessThanOrEqual(0.301);
    }
  });
});
