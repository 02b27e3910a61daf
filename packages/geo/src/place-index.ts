// Where a town is: a small in-memory index from place names to a centroid, so "Chelmsford" is searched by
// distance exactly as "CM1" is, instead of as words (issue 14: "near Chelmsford" once listed Margate).
// The names come from the towns services give in their addresses; each town is located from the bundled
// postcode data (the centroids of the postcode districts its services are in, weighted by how many services
// each district has), so one mistyped coordinate cannot drag a town away. Lookups ignore case, punctuation,
// "St"/"Saint" and "-on-Sea"-style spelling, know a few everyday aliases, and forgive a typo or two.
import { districtCentroids } from './centroids.ts';

export interface Place {
  /** The town as services spell it: "King's Lynn". */
  name: string;
  latitude: number;
  longitude: number;
  /** How many services gave this town; breaks ties between equally close spellings. */
  services: number;
}

/** A town as a service gives it: the town name and the postcode district (outcode) of its address. */
export interface TownSighting {
  town: string;
  outcode: string;
  /** How many services in this town and district. */
  services: number;
}

/**
 * What people say for a place that services spell otherwise. Keys and values are normalised names
 * (see `placeKey`); a value is used only when the index has that place.
 */
export const PLACE_ALIASES: Readonly<Record<string, string>> = {
  southend: 'southend on sea',
  westcliff: 'westcliff on sea',
  clacton: 'clacton on sea',
  bury: 'bury st edmunds',
  hemel: 'hemel hempstead',
  yarmouth: 'great yarmouth',
  lynn: 'kings lynn',
  medway: 'rochester',
  stortford: 'bishops stortford',
};

/** "King's Lynn", "kings-lynn" and " KINGS  LYNN " all become "kings lynn"; "Saint Ives" becomes "st ives". */
export function placeKey(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\bsaint\b/g, 'st')
    .replace(/\s+/g, ' ');
}

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previousRow: number[] = [];
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  let beforePrevious: number[] = [];
  for (let i = 1; i <= a.length; i++) {
    beforePrevious = previousRow;
    previousRow = row;
    row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previousRow[j]! + 1, row[j - 1]! + 1, previousRow[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      row[j] = value;
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
  }
  return row[b.length]!;
}

/** How many typos a name of this length may have and still be recognised. */
function typosAllowed(key: string): number {
  if (key.length < 5) return 0;
  return key.length < 9 ? 1 : 2;
}

export interface PlaceIndex {
  /** The place a name refers to, or null when we do not know it. */
  find(name: string): Place | null;
  size: number;
}

/** Builds the index from where services are. Towns whose districts are not in the postcode data are left out. */
export function buildPlaceIndex(sightings: readonly TownSighting[]): PlaceIndex {
  const districts = districtCentroids();
  const byKey = new Map<string, { names: Map<string, number>; lat: number; lon: number; weight: number }>();
  for (const { town, outcode, services } of sightings) {
    const key = placeKey(town);
    const centroid = districts.get(outcode.trim().toUpperCase());
    if (!key || !centroid || services <= 0) continue;
    const entry = byKey.get(key) ?? { names: new Map(), lat: 0, lon: 0, weight: 0 };
    entry.names.set(town.trim(), (entry.names.get(town.trim()) ?? 0) + services);
    entry.lat += centroid.latitude * services;
    entry.lon += centroid.longitude * services;
    entry.weight += services;
    byKey.set(key, entry);
  }

  const places = new Map<string, Place>();
  for (const [key, entry] of byKey) {
    // The spelling most services use is the one we show.
    const [name] = [...entry.names.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
    places.set(key, {
      name,
      latitude: entry.lat / entry.weight,
      longitude: entry.lon / entry.weight,
      services: entry.weight,
    });
  }

  function exact(key: string): Place | null {
    return places.get(key) ?? places.get(PLACE_ALIASES[key] ?? '') ?? null;
  }

  function closest(key: string): Place | null {
    const allowed = typosAllowed(key);
    if (allowed === 0) return null;
    let best: { place: Place; distance: number } | null = null;
    for (const [candidate, place] of places) {
      const distance = editDistance(key, candidate, allowed);
      if (distance > allowed) continue;
      if (!best || distance < best.distance || (distance === best.distance && place.services > best.place.services)) {
        best = { place, distance };
      }
    }
    return best?.place ?? null;
  }

  return {
    size: places.size,
    find(name: string): Place | null {
      // "Chelmsford, Essex" is Chelmsford: try the whole, then the part before the first comma.
      const tries = [name, name.split(',')[0] ?? ''].map(placeKey).filter(Boolean);
      for (const key of tries) {
        const place = exact(key);
        if (place) return place;
      }
      for (const key of tries) {
        const place = closest(key);
        if (place) return place;
      }
      return null;
    },
  };
}
