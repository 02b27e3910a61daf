// Where the benchmark's services are: every postcode sector of England from the bundled ONS centroids, each
// weighted by how many postcodes it has (a stand-in for how many people live there), with a post town, county
// and region from its postcode area. The demo's own places (East of England) keep their finer town names.
import { sectorCentroids } from '@care-assist/geo';
import { PLACES } from '@care-assist/db';

export type Region =
  | 'London'
  | 'South East'
  | 'East of England'
  | 'South West'
  | 'West Midlands'
  | 'East Midlands'
  | 'Yorkshire and the Humber'
  | 'North West'
  | 'North East';

/** How much dearer (or cheaper) care is than the national middle, by region (rough 2026 fee survey shape). */
export const REGION_PRICE_FACTOR: Record<Region, number> = {
  London: 1.22,
  'South East': 1.12,
  'East of England': 1.05,
  'South West': 1.02,
  'West Midlands': 0.95,
  'East Midlands': 0.94,
  'Yorkshire and the Humber': 0.93,
  'North West': 0.93,
  'North East': 0.9,
};

type Area = readonly [town: string, county: string, region: Region];

/** England's postcode areas: post town, county (the rating group) and region. Wales, Scotland and NI are absent. */
const AREAS: Record<string, Area> = {
  AL: ['St Albans', 'Hertfordshire', 'East of England'],
  B: ['Birmingham', 'West Midlands', 'West Midlands'],
  BA: ['Bath', 'Somerset', 'South West'],
  BB: ['Blackburn', 'Lancashire', 'North West'],
  BD: ['Bradford', 'West Yorkshire', 'Yorkshire and the Humber'],
  BH: ['Bournemouth', 'Dorset', 'South West'],
  BL: ['Bolton', 'Greater Manchester', 'North West'],
  BN: ['Brighton', 'East Sussex', 'South East'],
  BR: ['Bromley', 'Greater London', 'London'],
  BS: ['Bristol', 'Bristol', 'South West'],
  CA: ['Carlisle', 'Cumbria', 'North West'],
  CB: ['Cambridge', 'Cambridgeshire', 'East of England'],
  CH: ['Chester', 'Cheshire', 'North West'],
  CM: ['Chelmsford', 'Essex', 'East of England'],
  CO: ['Colchester', 'Essex', 'East of England'],
  CR: ['Croydon', 'Greater London', 'London'],
  CT: ['Canterbury', 'Kent', 'South East'],
  CV: ['Coventry', 'West Midlands', 'West Midlands'],
  CW: ['Crewe', 'Cheshire', 'North West'],
  DA: ['Dartford', 'Kent', 'South East'],
  DE: ['Derby', 'Derbyshire', 'East Midlands'],
  DH: ['Durham', 'County Durham', 'North East'],
  DL: ['Darlington', 'County Durham', 'North East'],
  DN: ['Doncaster', 'South Yorkshire', 'Yorkshire and the Humber'],
  DT: ['Dorchester', 'Dorset', 'South West'],
  DY: ['Dudley', 'West Midlands', 'West Midlands'],
  E: ['London', 'Greater London', 'London'],
  EC: ['London', 'Greater London', 'London'],
  EN: ['Enfield', 'Greater London', 'London'],
  EX: ['Exeter', 'Devon', 'South West'],
  FY: ['Blackpool', 'Lancashire', 'North West'],
  GL: ['Gloucester', 'Gloucestershire', 'South West'],
  GU: ['Guildford', 'Surrey', 'South East'],
  HA: ['Harrow', 'Greater London', 'London'],
  HD: ['Huddersfield', 'West Yorkshire', 'Yorkshire and the Humber'],
  HG: ['Harrogate', 'North Yorkshire', 'Yorkshire and the Humber'],
  HP: ['Hemel Hempstead', 'Hertfordshire', 'East of England'],
  HR: ['Hereford', 'Herefordshire', 'West Midlands'],
  HU: ['Hull', 'East Riding of Yorkshire', 'Yorkshire and the Humber'],
  HX: ['Halifax', 'West Yorkshire', 'Yorkshire and the Humber'],
  IG: ['Ilford', 'Greater London', 'London'],
  IP: ['Ipswich', 'Suffolk', 'East of England'],
  KT: ['Kingston upon Thames', 'Surrey', 'South East'],
  L: ['Liverpool', 'Merseyside', 'North West'],
  LA: ['Lancaster', 'Lancashire', 'North West'],
  LE: ['Leicester', 'Leicestershire', 'East Midlands'],
  LN: ['Lincoln', 'Lincolnshire', 'East Midlands'],
  LS: ['Leeds', 'West Yorkshire', 'Yorkshire and the Humber'],
  LU: ['Luton', 'Bedfordshire', 'East of England'],
  M: ['Manchester', 'Greater Manchester', 'North West'],
  ME: ['Rochester', 'Kent', 'South East'],
  MK: ['Milton Keynes', 'Buckinghamshire', 'South East'],
  N: ['London', 'Greater London', 'London'],
  NE: ['Newcastle upon Tyne', 'Tyne and Wear', 'North East'],
  NG: ['Nottingham', 'Nottinghamshire', 'East Midlands'],
  NN: ['Northampton', 'Northamptonshire', 'East Midlands'],
  NR: ['Norwich', 'Norfolk', 'East of England'],
  NW: ['London', 'Greater London', 'London'],
  OL: ['Oldham', 'Greater Manchester', 'North West'],
  OX: ['Oxford', 'Oxfordshire', 'South East'],
  PE: ['Peterborough', 'Cambridgeshire', 'East of England'],
  PL: ['Plymouth', 'Devon', 'South West'],
  PO: ['Portsmouth', 'Hampshire', 'South East'],
  PR: ['Preston', 'Lancashire', 'North West'],
  RG: ['Reading', 'Berkshire', 'South East'],
  RH: ['Redhill', 'Surrey', 'South East'],
  RM: ['Romford', 'Greater London', 'London'],
  S: ['Sheffield', 'South Yorkshire', 'Yorkshire and the Humber'],
  SE: ['London', 'Greater London', 'London'],
  SG: ['Stevenage', 'Hertfordshire', 'East of England'],
  SK: ['Stockport', 'Greater Manchester', 'North West'],
  SL: ['Slough', 'Berkshire', 'South East'],
  SM: ['Sutton', 'Greater London', 'London'],
  SN: ['Swindon', 'Wiltshire', 'South West'],
  SO: ['Southampton', 'Hampshire', 'South East'],
  SP: ['Salisbury', 'Wiltshire', 'South West'],
  SR: ['Sunderland', 'Tyne and Wear', 'North East'],
  SS: ['Southend-on-Sea', 'Essex', 'East of England'],
  ST: ['Stoke-on-Trent', 'Staffordshire', 'West Midlands'],
  SW: ['London', 'Greater London', 'London'],
  SY: ['Shrewsbury', 'Shropshire', 'West Midlands'],
  TA: ['Taunton', 'Somerset', 'South West'],
  TF: ['Telford', 'Shropshire', 'West Midlands'],
  TN: ['Tonbridge', 'Kent', 'South East'],
  TQ: ['Torquay', 'Devon', 'South West'],
  TR: ['Truro', 'Cornwall', 'South West'],
  TS: ['Middlesbrough', 'North Yorkshire', 'North East'],
  TW: ['Twickenham', 'Greater London', 'London'],
  UB: ['Southall', 'Greater London', 'London'],
  W: ['London', 'Greater London', 'London'],
  WA: ['Warrington', 'Cheshire', 'North West'],
  WC: ['London', 'Greater London', 'London'],
  WD: ['Watford', 'Hertfordshire', 'East of England'],
  WF: ['Wakefield', 'West Yorkshire', 'Yorkshire and the Humber'],
  WN: ['Wigan', 'Greater Manchester', 'North West'],
  WR: ['Worcester', 'Worcestershire', 'West Midlands'],
  WS: ['Walsall', 'West Midlands', 'West Midlands'],
  WV: ['Wolverhampton', 'West Midlands', 'West Midlands'],
  YO: ['York', 'North Yorkshire', 'Yorkshire and the Humber'],
};

/** Districts of English areas that lie in Wales (CH5-CH8 Deeside and Flintshire, SY15-SY25 Powys and Ceredigion). */
const WELSH_DISTRICTS = /^(CH[5-8]|SY(1[5-9]|2[0-5]))$/;

export interface EnglandSector {
  sector: string;
  district: string;
  latitude: number;
  longitude: number;
  /** Postcodes in the sector: the population stand-in. */
  weight: number;
  town: string;
  county: string;
  region: Region;
}

export function englandSectors(): EnglandSector[] {
  const places = new Map(PLACES.map((p) => [p.district, p]));
  const out: EnglandSector[] = [];
  for (const [sector, centroid] of sectorCentroids()) {
    const district = sector.split(' ')[0]!;
    const area = /^[A-Z]+/.exec(district)?.[0] ?? '';
    const known = AREAS[area];
    if (!known || WELSH_DISTRICTS.test(district) || centroid.postcodes < 5) continue;
    const place = places.get(district);
    out.push({
      sector,
      district,
      latitude: centroid.latitude,
      longitude: centroid.longitude,
      weight: centroid.postcodes,
      town: place?.town ?? known[0],
      county: place?.county ?? known[1],
      region: known[2],
    });
  }
  // Map order is file order; sort so the cumulative weights never depend on it.
  return out.sort((a, b) => a.sector.localeCompare(b.sector));
}
