// Reading the CQC's two public layouts into one record shape, row by row, with the line each came from.
// A row we cannot use becomes an error with its line number and reason; it is never silently dropped.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import {
  mapCqcKeyQuestion,
  mapCqcRating,
  parseCqcDate,
  type CqcKeyQuestionCode,
  type CqcRating,
} from '@care-assist/domain';
import { locatePostcode } from '@care-assist/geo';

export interface CqcLocation {
  locationId: string;
  providerId: string;
  providerName: string | null;
  name: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  county: string;
  postcode: string;
  latitude: number;
  longitude: number;
  phone: string | null;
  website: string | null;
  serviceTypes: string[];
  specialisms: string[];
  registered: boolean;
  /** Null when the layout carries no ratings (the directory): the importer then leaves ratings alone. */
  rating: {
    overall: CqcRating;
    reportDate: string | null;
    keyQuestions: { code: CqcKeyQuestionCode; rating: CqcRating }[];
  } | null;
}

export type CqcRow = { line: number; location: CqcLocation } | { line: number; error: string };

/** Progress in bytes of the file read so far. */
export type OnBytes = (bytesRead: number) => void;

const CQC_ID = /^1-\d{6,11}$/;
const FULL_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$/;
const RATING_WORDS = new Set([
  'outstanding',
  'good',
  'requires improvement',
  'inadequate',
  'not rated',
  'no published rating',
  '',
]);

class RowError extends Error {}

function normalisePostcode(raw: string): string {
  const match = FULL_POSTCODE.exec(raw.trim().toUpperCase());
  if (!match) throw new RowError(`"${raw}" is not a full UK postcode`);
  return `${match[1]} ${match[2]}`;
}

function locate(postcode: string, lat?: unknown, lng?: unknown): { latitude: number; longitude: number } {
  if (typeof lat === 'number' && typeof lng === 'number' && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
    return { latitude: lat, longitude: lng };
  }
  const located = locatePostcode(postcode);
  if (!located.ok) throw new RowError(`postcode ${postcode} is not in the postcode data`);
  return { latitude: located.location.latitude, longitude: located.location.longitude };
}

function requireId(value: unknown, what: string): string {
  const id = typeof value === 'string' ? value.trim() : '';
  if (!id) throw new RowError(`no ${what}`);
  if (!CQC_ID.test(id)) throw new RowError(`${what} "${id}" is not a CQC id like 1-123456789`);
  return id;
}

function requireText(value: unknown, what: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new RowError(`no ${what}`);
  return text;
}

const optional = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
const splitMulti = (value: string | undefined) =>
  (value ?? '')
    .split('|')
    .map((v) => v.trim())
    .filter(Boolean);

function ratingOf(text: unknown): CqcRating {
  const word = typeof text === 'string' ? text.trim().toLowerCase() : '';
  if (!RATING_WORDS.has(word)) throw new RowError(`"${String(text)}" is not a CQC rating`);
  return mapCqcRating(word);
}

/** "Abbey Field, 14 London Road, Chelmsford": the last part is the town, the rest the street address. */
function splitAddress(address: string, fallbackTown: string) {
  const parts = address
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new RowError('no address');
  if (parts.length === 1) return { addressLine1: parts[0]!, addressLine2: null, town: fallbackTown };
  const town = parts.pop()!;
  const [first, ...rest] = parts;
  return { addressLine1: first!, addressLine2: rest.length ? rest.join(', ') : null, town };
}

const DIRECTORY_HEADER = /^\uFEFF?"?Name"?\s*,\s*"?Also known as"?/i;

/** The line number (1-based) of the directory's header row, after its preamble. */
async function findHeaderLine(file: string): Promise<number> {
  const handle = await open(file);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const lines = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/);
    const index = lines.findIndex((l) => DIRECTORY_HEADER.test(l));
    if (index < 0) throw new Error(`${file}: no header row starting "Name, Also known as" in the first 64 KB`);
    return index + 1;
  } finally {
    await handle.close();
  }
}

/** The monthly CQC directory CSV: preamble lines, then a header row, then one location a row. */
export async function* readDirectory(file: string, onBytes?: OnBytes): AsyncGenerator<CqcRow> {
  const headerLine = await findHeaderLine(file);
  const input = createReadStream(file);
  input.on('data', () => onBytes?.(input.bytesRead));
  const parser = input.pipe(
    parse({
      from_line: headerLine,
      columns: (h: string[]) => h.map((c) => c.trim()),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    const line = info.lines;
    try {
      const postcode = normalisePostcode(requireText(record['Postcode'], 'postcode'));
      const localAuthority = optional(record['Local authority']);
      const checked = optional(record['Date of latest check']);
      if (checked && !parseCqcDate(checked)) throw new RowError(`"${checked}" is not a date like 09/Jan/2018 - 00:00`);
      yield {
        line,
        location: {
          locationId: requireId(record['CQC Location ID (for office use only)'], 'CQC location id'),
          providerId: requireId(record['CQC Provider ID (for office use only)'], 'CQC provider id'),
          providerName: optional(record['Provider name']),
          name: requireText(record['Name'], 'name'),
          ...splitAddress(requireText(record['Address'], 'address'), localAuthority ?? ''),
          county: localAuthority ?? optional(record['Region']) ?? '',
          postcode,
          ...locate(postcode),
          phone: optional(record['Phone number']),
          website: optional(record["Service's website (if available)"]),
          serviceTypes: splitMulti(record['Service types']),
          specialisms: splitMulti(record['Specialisms/services']),
          registered: true,
          rating: null,
        },
      };
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      yield { line, error: error.message };
    }
  }
}

interface ApiLocation {
  locationId?: unknown;
  providerId?: unknown;
  name?: unknown;
  postalAddressLine1?: unknown;
  postalAddressLine2?: unknown;
  postalAddressTownCity?: unknown;
  postalCode?: unknown;
  onspdLatitude?: unknown;
  onspdLongitude?: unknown;
  localAuthority?: unknown;
  region?: unknown;
  mainPhoneNumber?: unknown;
  website?: unknown;
  registrationStatus?: unknown;
  gacServiceTypes?: { name?: unknown; description?: unknown }[];
  specialisms?: { name?: unknown }[];
  currentRatings?: {
    overall?: { rating?: unknown; reportDate?: unknown; keyQuestionRatings?: { name?: unknown; rating?: unknown }[] };
  };
}

function fromApiLocation(json: ApiLocation): CqcLocation {
  const locationId = requireId(json.locationId, 'locationId');
  const providerId = requireId(json.providerId, 'providerId');
  const postcode = normalisePostcode(requireText(json.postalCode, 'postalCode'));
  const status = requireText(json.registrationStatus, 'registrationStatus');
  const overall = json.currentRatings?.overall;
  let rating: CqcLocation['rating'] = null;
  if (overall) {
    const reportDate = typeof overall.reportDate === 'string' ? parseCqcDate(overall.reportDate) : null;
    if (overall.reportDate && !reportDate)
      throw new RowError(`"${JSON.stringify(overall.reportDate)}" is not a report date`);
    const keyQuestions = (overall.keyQuestionRatings ?? []).map((kq) => {
      const name = typeof kq.name === 'string' ? kq.name : JSON.stringify(kq.name ?? null);
      const code = mapCqcKeyQuestion(name);
      if (!code) throw new RowError(`"${name}" is not a CQC key question`);
      return { code, rating: ratingOf(kq.rating) };
    });
    rating = { overall: ratingOf(overall.rating), reportDate, keyQuestions };
  }
  const types = (json.gacServiceTypes ?? [])
    .flatMap((t) => [t.name, t.description])
    .filter((t): t is string => typeof t === 'string');
  const town = requireText(json.postalAddressTownCity, 'postalAddressTownCity');
  return {
    locationId,
    providerId,
    providerName: null,
    name: requireText(json.name, 'name'),
    addressLine1: requireText(json.postalAddressLine1, 'postalAddressLine1'),
    addressLine2: optional(json.postalAddressLine2),
    town,
    county: optional(json.localAuthority) ?? optional(json.region) ?? '',
    postcode,
    ...locate(postcode, json.onspdLatitude, json.onspdLongitude),
    phone: optional(json.mainPhoneNumber),
    website: optional(json.website),
    serviceTypes: types,
    specialisms: (json.specialisms ?? []).map((s) => s.name).filter((s): s is string => typeof s === 'string'),
    registered: status.toLowerCase() === 'registered',
    rating,
  };
}

/** CQC API location records, one JSON object a line (NDJSON). Blank lines are ignored. */
export async function* readLocations(file: string, onBytes?: OnBytes): AsyncGenerator<CqcRow> {
  const input = createReadStream(file);
  input.on('data', () => onBytes?.(input.bytesRead));
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      yield { line, error: 'not valid JSON' };
      continue;
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      yield { line, error: 'not a JSON object' };
      continue;
    }
    try {
      yield { line, location: fromApiLocation(json) };
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      yield { line, error: error.message };
    }
  }
}
