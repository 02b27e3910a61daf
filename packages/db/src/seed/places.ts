// Where the demo services are: real postcode districts of the East of England and Kent, each with its post town,
// county and a few local names (areas, rivers, landmarks) that providers like to name themselves after.
// Sectors and coordinates come from the bundled ONS centroids, so every generated postcode geocodes.
import { sectorCentroids, type Centroid } from '@care-assist/geo';
import { ESSEX_PLACES } from './places-essex.ts';

export interface Place {
  district: string;
  town: string;
  county: string;
  /** Local names used in service names ("Chelmer Home Care", "Lexden Lodge"). */
  features: readonly string[];
  /** Relative share of the randomly placed services. */
  weight: number;
}

export const CHELMSFORD_DISTRICTS = ['CM1', 'CM2'] as const;

export const PLACES: readonly Place[] = [
  ...ESSEX_PLACES,
  // Hertfordshire
  {
    district: 'AL1',
    town: 'St Albans',
    county: 'Hertfordshire',
    features: ['Verulam', 'Fleetville', 'Abbey', 'Ver'],
    weight: 2,
  },
  {
    district: 'SG1',
    town: 'Stevenage',
    county: 'Hertfordshire',
    features: ['Old Town', 'Fairlands', 'Shephall', 'Broadwater'],
    weight: 2,
  },
  {
    district: 'WD17',
    town: 'Watford',
    county: 'Hertfordshire',
    features: ['Cassiobury', 'Colne Valley', 'Nascot', 'Gade'],
    weight: 2,
  },
  {
    district: 'HP1',
    town: 'Hemel Hempstead',
    county: 'Hertfordshire',
    features: ['Boxmoor', 'Gadebridge', 'Warners End', 'Bulbourne'],
    weight: 1,
  },
  {
    district: 'SG13',
    town: 'Hertford',
    county: 'Hertfordshire',
    features: ['Lea Valley', 'Hertford Heath', 'Mimram', 'Balls Park'],
    weight: 1,
  },
  {
    district: 'CM23',
    town: "Bishop's Stortford",
    county: 'Hertfordshire',
    features: ['Thorley', 'Stort Valley', 'Windhill', 'Sworders'],
    weight: 1,
  },
  {
    district: 'AL10',
    town: 'Hatfield',
    county: 'Hertfordshire',
    features: ['Roe Green', 'Oldings', 'Lemsford', 'Ellenbrook'],
    weight: 1,
  },
  {
    district: 'SG4',
    town: 'Hitchin',
    county: 'Hertfordshire',
    features: ['Hiz', 'Priory', 'Oughton', 'Walsworth'],
    weight: 1,
  },
  // Suffolk
  {
    district: 'IP1',
    town: 'Ipswich',
    county: 'Suffolk',
    features: ['Christchurch', 'Whitton', 'Castle Hill', 'Orwell'],
    weight: 2,
  },
  {
    district: 'IP2',
    town: 'Ipswich',
    county: 'Suffolk',
    features: ['Chantry', 'Stoke Park', 'Gipping', 'Belstead'],
    weight: 1,
  },
  {
    district: 'IP3',
    town: 'Ipswich',
    county: 'Suffolk',
    features: ['Racecourse', 'Rose Hill', 'Holywells', 'Nacton'],
    weight: 1,
  },
  {
    district: 'IP4',
    town: 'Ipswich',
    county: 'Suffolk',
    features: ['Rushmere', 'California', 'St Clement', 'Heath'],
    weight: 1,
  },
  {
    district: 'IP33',
    town: 'Bury St Edmunds',
    county: 'Suffolk',
    features: ['Abbeygate', 'Lark Valley', 'Moreton Hall', 'Hardwick'],
    weight: 2,
  },
  {
    district: 'NR32',
    town: 'Lowestoft',
    county: 'Suffolk',
    features: ['Oulton Broad', 'Waveney', 'Ness Point', 'Carlton'],
    weight: 1,
  },
  {
    district: 'IP11',
    town: 'Felixstowe',
    county: 'Suffolk',
    features: ['Walton', 'Landguard', 'Deben', 'Old Felixstowe'],
    weight: 1,
  },
  {
    district: 'CB9',
    town: 'Haverhill',
    county: 'Suffolk',
    features: ['Stour Valley', 'Castle Manor', 'Clements', 'Chalkstone'],
    weight: 1,
  },
  {
    district: 'IP14',
    town: 'Stowmarket',
    county: 'Suffolk',
    features: ['Gipping Valley', 'Combs', 'Onehouse', 'Needham'],
    weight: 1,
  },
  // Kent
  {
    district: 'ME14',
    town: 'Maidstone',
    county: 'Kent',
    features: ['Medway', 'Bearsted', 'Penenden', 'Vinters'],
    weight: 2,
  },
  {
    district: 'CT1',
    town: 'Canterbury',
    county: 'Kent',
    features: ['Stour', 'Westgate', 'Dane John', 'Wincheap'],
    weight: 2,
  },
  {
    district: 'TN23',
    town: 'Ashford',
    county: 'Kent',
    features: ['Beaver', 'Singleton', 'Stanhope', 'Great Stour'],
    weight: 1,
  },
  {
    district: 'ME1',
    town: 'Rochester',
    county: 'Kent',
    features: ['Borstal', 'Castle View', 'Medway', 'Priestfields'],
    weight: 1,
  },
  {
    district: 'CT9',
    town: 'Margate',
    county: 'Kent',
    features: ['Cliftonville', 'Westbrook', 'Thanet', 'Northdown'],
    weight: 1,
  },
  {
    district: 'DA1',
    town: 'Dartford',
    county: 'Kent',
    features: ['Darent', 'Crayford', 'Heath', 'Temple Hill'],
    weight: 1,
  },
  {
    district: 'TN1',
    town: 'Tunbridge Wells',
    county: 'Kent',
    features: ['Pantiles', 'Calverley', 'Camden', 'Grosvenor'],
    weight: 1,
  },
  // Norfolk
  {
    district: 'NR1',
    town: 'Norwich',
    county: 'Norfolk',
    features: ['Thorpe Hamlet', 'Lakenham', 'Wensum', 'Riverside'],
    weight: 2,
  },
  {
    district: 'NR2',
    town: 'Norwich',
    county: 'Norfolk',
    features: ['Golden Triangle', 'Heigham', 'Unthank', 'Cathedral'],
    weight: 1,
  },
  {
    district: 'NR3',
    town: 'Norwich',
    county: 'Norfolk',
    features: ['Mile Cross', 'Catton', 'Mousehold', 'Sewell'],
    weight: 1,
  },
  {
    district: 'PE30',
    town: "King's Lynn",
    county: 'Norfolk',
    features: ['Gaywood', 'Ouse', 'Tuesday Market', 'Fairstead'],
    weight: 1,
  },
  {
    district: 'NR30',
    town: 'Great Yarmouth',
    county: 'Norfolk',
    features: ['Caister', 'Yare', 'Marine Parade', 'Northgate'],
    weight: 1,
  },
  {
    district: 'IP24',
    town: 'Thetford',
    county: 'Norfolk',
    features: ['Breckland', 'Little Ouse', 'Priory', 'Abbey'],
    weight: 1,
  },
  // Cambridgeshire
  {
    district: 'CB1',
    town: 'Cambridge',
    county: 'Cambridgeshire',
    features: ['Cherry Hinton', 'Romsey', 'Mill Road', 'Coleridge'],
    weight: 2,
  },
  {
    district: 'CB4',
    town: 'Cambridge',
    county: 'Cambridgeshire',
    features: ['Chesterton', 'Arbury', 'Cam', 'Milton'],
    weight: 1,
  },
  {
    district: 'PE1',
    town: 'Peterborough',
    county: 'Cambridgeshire',
    features: ['Millfield', 'Dogsthorpe', 'Nene', 'Eastfield'],
    weight: 2,
  },
  {
    district: 'PE29',
    town: 'Huntingdon',
    county: 'Cambridgeshire',
    features: ['Godmanchester', 'Hartford', 'Hinchingbrooke', 'Ouse Valley'],
    weight: 1,
  },
  {
    district: 'CB7',
    town: 'Ely',
    county: 'Cambridgeshire',
    features: ['Cathedral', 'Soham', 'Fenland', 'Cherry Hill'],
    weight: 1,
  },
  {
    district: 'PE27',
    town: 'St Ives',
    county: 'Cambridgeshire',
    features: ['Hemingford', 'Ouse', 'Bridge Street', 'Fenstanton'],
    weight: 1,
  },
];

/** Letters used in the unit part of a UK postcode (never C, I, K, M, O or V). */
export const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** Sectors with fewer postcodes than this are mostly terminated or non-residential; skip them when we can. */
const MIN_SECTOR_POSTCODES = 30;

export interface Sector extends Centroid {
  sector: string;
}

let sectorsByDistrict: Map<string, Sector[]> | undefined;

/** The real sectors of a district ('CM1' → 'CM1 1', 'CM1 2', …), most-populated first within a stable order. */
export function sectorsOf(district: string): Sector[] {
  if (!sectorsByDistrict) {
    sectorsByDistrict = new Map();
    for (const [sector, centroid] of sectorCentroids()) {
      const outcode = sector.split(' ')[0] ?? '';
      const list = sectorsByDistrict.get(outcode) ?? [];
      list.push({ sector, ...centroid });
      sectorsByDistrict.set(outcode, list);
    }
    for (const list of sectorsByDistrict.values()) list.sort((a, b) => a.sector.localeCompare(b.sector));
  }
  const all = sectorsByDistrict.get(district) ?? [];
  const lived = all.filter((s) => s.postcodes >= MIN_SECTOR_POSTCODES);
  return lived.length > 0 ? lived : all;
}

/** 'CM1 1' + 'AB' → 'CM1 1AB'. */
export function buildPostcode(sector: string, unit: string): string {
  if (!/^[A-Z]{1,2}\d[A-Z\d]? \d$/.test(sector)) throw new Error(`Not a postcode sector: ${sector}`);
  if (unit.length !== 2 || [...unit].some((c) => !INWARD_LETTERS.includes(c)))
    throw new Error(`Not a postcode unit: ${unit}`);
  return `${sector}${unit}`;
}

const METRES_PER_DEGREE_LATITUDE = 111_320;

/**
 * Moves a point by `distanceM` metres on a compass `bearingRad` (flat-earth approximation, fine below a kilometre),
 * rounded to 6 decimals (about 10 cm).
 */
export function offsetPoint(
  point: { latitude: number; longitude: number },
  distanceM: number,
  bearingRad: number,
): { latitude: number; longitude: number } {
  const dLat = (distanceM * Math.cos(bearingRad)) / METRES_PER_DEGREE_LATITUDE;
  const dLng =
    (distanceM * Math.sin(bearingRad)) / (METRES_PER_DEGREE_LATITUDE * Math.cos((point.latitude * Math.PI) / 180));
  return { latitude: round6(point.latitude + dLat), longitude: round6(point.longitude + dLng) };
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
