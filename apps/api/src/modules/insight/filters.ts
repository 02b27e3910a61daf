// Turns the query string of an insight request into checked filters: dates in order and at most 10 years
// apart, a county that has services, a real postcode district. Anything else is a 400 problem+json (the
// TypeBox schema has already refused unknown parameters and care types).
import { districtCentroids } from '@care-assist/geo';
import { INSIGHT_MAX_RANGE_YEARS, SECTOR_NOT_KNOWN, type CareType, type InsightFilters } from '@care-assist/domain';
import type { DbHandle } from '@care-assist/db';
import { ValidationFailed } from '../../errors.ts';

export interface ResolvedFilters {
  from: string;
  to: string;
  county: string | null;
  district: string | null;
  careType: CareType | null;
  /** A sector code, 'not_known', or null for all. */
  sector: string | null;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function parseDay(field: string, text: string): Date {
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || isoDay(date) !== text) {
    throw new ValidationFailed(`${field} is not a real date.`, [{ field, message: 'Use a real date, YYYY-MM-DD' }]);
  }
  return date;
}

export async function resolveFilters(
  query: DbHandle['query'],
  filters: InsightFilters,
  now: Date,
): Promise<ResolvedFilters> {
  const to = filters.to ? parseDay('to', filters.to) : new Date(`${isoDay(now)}T00:00:00Z`);
  const defaultFrom = new Date(to);
  defaultFrom.setUTCFullYear(defaultFrom.getUTCFullYear() - 1);
  const from = filters.from ? parseDay('from', filters.from) : defaultFrom;
  if (from > to) {
    throw new ValidationFailed('The date range is reversed: "from" is after "to".', [
      { field: 'from', message: 'Choose a start date on or before the end date' },
    ]);
  }
  const limit = new Date(from);
  limit.setUTCFullYear(limit.getUTCFullYear() + INSIGHT_MAX_RANGE_YEARS);
  if (to > limit) {
    throw new ValidationFailed(`The date range is longer than ${INSIGHT_MAX_RANGE_YEARS} years.`, [
      { field: 'to', message: `Choose a range of at most ${INSIGHT_MAX_RANGE_YEARS} years` },
    ]);
  }

  let county: string | null = null;
  if (filters.county) {
    const [row] = await query<{ county: string }>(
      'select county from services where lower(county) = lower($1) limit 1',
      [filters.county.trim()],
    );
    if (!row)
      throw new ValidationFailed(`We have no services in a county called "${filters.county}".`, [
        { field: 'county', message: 'Choose a county from the list' },
      ]);
    county = row.county;
  }
  let district: string | null = null;
  if (filters.district) {
    district = filters.district.toUpperCase();
    if (!districtCentroids().has(district)) {
      throw new ValidationFailed(`"${filters.district}" is not a UK postcode district.`, [
        { field: 'district', message: 'Use a postcode district such as CM1' },
      ]);
    }
  }
  return {
    from: isoDay(from),
    to: isoDay(to),
    county,
    district,
    careType: filters.care_type ?? null,
    sector: filters.sector ?? null,
  };
}

/**
 * The WHERE conditions on insight_service_facts (alias `alias`) for the area, care type and sector filters,
 * appending their values to `params` ($n placeholders).
 */
export function serviceFactConditions(filters: ResolvedFilters, params: unknown[], alias = 'f'): string[] {
  const conditions: string[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filters.county) conditions.push(`${alias}.county = ${add(filters.county)}`);
  if (filters.district) conditions.push(`${alias}.district = ${add(filters.district)}`);
  if (filters.careType) conditions.push(`${add(filters.careType)} = any(${alias}.care_types)`);
  if (filters.sector === SECTOR_NOT_KNOWN) conditions.push(`${alias}.sector is null`);
  else if (filters.sector) conditions.push(`${alias}.sector = ${add(filters.sector)}`);
  return conditions;
}

export const whereClause = (conditions: string[]) => (conditions.length ? `where ${conditions.join(' and ')}` : '');

/**
 * The pre-computed spread (insight_spreads) for these filters' county, care type and sector, '*' for each not
 * given; null when a postcode district is asked for (not pre-computed: the view computes it live).
 */
export function spreadKey(filters: ResolvedFilters): { county: string; careType: string; sector: string } | null {
  if (filters.district) return null;
  return { county: filters.county ?? '*', careType: filters.careType ?? '*', sector: filters.sector ?? '*' };
}
