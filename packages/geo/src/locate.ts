// Offline geocoding of what people type as "where": a full postcode, a sector ("CM1 1") or a district ("CM1").
// Parsing and normalising is done by the `postcode` library; we only look up the bundled centroids.
import { isValid, toOutcode, toSector, validOutcode } from 'postcode';
import { districtCentroids, sectorCentroids } from './centroids.ts';

export interface Location {
  /** What was looked up, normalised: "CM1 1" or "CM1". */
  label: string;
  kind: 'sector' | 'district';
  latitude: number;
  longitude: number;
}

export type LocateResult =
  { ok: true; location: Location } | { ok: false; reason: 'not_a_postcode' | 'unknown_postcode' };

/** Anything with a digit is meant as a postcode; words alone ("Chelmsford") are a place name for text search. */
export function looksLikePostcode(input: string): boolean {
  return /\d/.test(input);
}

function fromSector(sector: string): Location | null {
  const c = sectorCentroids().get(sector);
  return c ? { label: sector, kind: 'sector', latitude: c.latitude, longitude: c.longitude } : null;
}

function fromDistrict(outcode: string): Location | null {
  const c = districtCentroids().get(outcode);
  return c ? { label: outcode, kind: 'district', latitude: c.latitude, longitude: c.longitude } : null;
}

export function locatePostcode(raw: string): LocateResult {
  const input = raw.trim().toUpperCase().replace(/\s+/g, ' ');
  if (!input) return { ok: false, reason: 'not_a_postcode' };

  if (isValid(input)) {
    // A full postcode resolves to its sector (about 1 km), or its district when the sector is not in the data.
    const sector = toSector(input);
    const outcode = toOutcode(input);
    const location = (sector && fromSector(sector)) || (outcode && fromDistrict(outcode)) || null;
    return location ? { ok: true, location } : { ok: false, reason: 'unknown_postcode' };
  }

  const [outward, inward, ...rest] = input.split(' ');
  if (outward && validOutcode(outward) && rest.length === 0) {
    if (inward === undefined) {
      const location = fromDistrict(outward);
      return location ? { ok: true, location } : { ok: false, reason: 'unknown_postcode' };
    }
    // A sector is an outcode plus the first digit of the inward code: "CM1 1".
    if (/^\d$/.test(inward)) {
      const location = fromSector(`${outward} ${inward}`) ?? fromDistrict(outward);
      return location ? { ok: true, location } : { ok: false, reason: 'unknown_postcode' };
    }
  }
  return { ok: false, reason: looksLikePostcode(input) ? 'unknown_postcode' : 'not_a_postcode' };
}

/** The outcode district only: the most precise location we ever record about a search (privacy). */
export function outcodeOf(raw: string): string | null {
  const input = raw.trim().toUpperCase();
  if (isValid(input)) return toOutcode(input);
  const outward = input.split(/\s+/)[0] ?? '';
  return validOutcode(outward) ? outward : null;
}
