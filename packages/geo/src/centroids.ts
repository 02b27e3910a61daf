// Loads the bundled ONS-derived postcode sector and district centroids (see ../data/README.md).
// The files are ours, fixed and purely numeric, so a line split is enough; they load once, lazily.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface Centroid {
  latitude: number;
  longitude: number;
  /** How many postcodes the centroid is the mean of. */
  postcodes: number;
}

// Resolved through the package so it works from source, tests and the bundled API alike.
const dataDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@care-assist/geo/package.json')),
  'data',
);

function load(file: string): Map<string, Centroid> {
  const rows = readFileSync(path.join(dataDir, file), 'utf8').split('\n');
  const map = new Map<string, Centroid>();
  for (const row of rows.slice(1)) {
    const [key, lat, lng, count] = row.split(',');
    if (!key || !lat || !lng) continue;
    map.set(key, { latitude: Number(lat), longitude: Number(lng), postcodes: Number(count ?? 0) });
  }
  return map;
}

let sectors: Map<string, Centroid> | undefined;
let districts: Map<string, Centroid> | undefined;

export function sectorCentroids(): Map<string, Centroid> {
  sectors ??= load('uk-postcode-sectors.csv');
  return sectors;
}

export function districtCentroids(): Map<string, Centroid> {
  districts ??= load('uk-postcode-districts.csv');
  return districts;
}
