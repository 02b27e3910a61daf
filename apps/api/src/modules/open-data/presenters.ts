// The open data tables as flat rows with exactly the data dictionary's columns, then as CSV (UTF-8 with a byte
// order mark, so spreadsheets read the £ and accents right) or JSON. Suppressed figures are "fewer than 5" or
// "suppressed" in CSV, and null with the reason beside them in JSON.
import { stringify } from 'csv-stringify/sync';
import {
  CARE_TYPES,
  CQC_RATINGS,
  FUNDING_TYPES,
  OPEN_DATA_DICTIONARY,
  OPEN_DATA_LICENCE,
  PRICE_UNITS,
  SECTORS,
  SPECIALISMS,
  SUPPRESSED_TEXT,
  type OpenDataDataset,
  type Published,
  type RatingTables,
  type Sector,
} from '@care-assist/domain';
import type { PublishedServiceRecord } from './repository.ts';

type Cell = string | number | boolean | null | Published<number | null>;
export type OpenDataRow = Record<string, Cell>;

const list = (values: readonly string[], labels: Record<string, string>) =>
  values.map((v) => labels[v] ?? v).join('; ');
const sectorText = (sector: Sector | null) => (sector ? SECTORS[sector] : 'Not known');
const pounds = (pence: number | null) => (pence === null ? null : pence / 100);

export function directoryRows(records: PublishedServiceRecord[], webOrigin: string): OpenDataRow[] {
  return records.map(({ service, organisation }) => ({
    service_id: service.id,
    service_name: service.name,
    organisation_id: organisation.id,
    organisation_name: organisation.name,
    organisation_sector: sectorText(organisation.sector),
    care_types: list(service.careTypes, CARE_TYPES),
    specialisms: list(service.specialisms, SPECIALISMS),
    address: [service.addressLine1, service.addressLine2].filter(Boolean).join(', '),
    town: service.town,
    county: service.county,
    postcode: service.postcode,
    latitude: service.latitude,
    longitude: service.longitude,
    area_served_km: service.areaServedKm,
    price_per_hour_gbp: pounds(service.pricePerHourPence),
    price_per_visit_gbp: pounds(service.pricePerVisitPence),
    price_per_night_gbp: pounds(service.pricePerNightPence),
    price_per_week_gbp: pounds(service.pricePerWeekPence),
    funding_accepted: list(service.fundingAccepted, FUNDING_TYPES),
    accepting_new_clients: service.acceptingNewClients,
    languages: service.languages.join('; '),
    phone: service.phone,
    website: service.website,
    cqc_location_id: service.cqcLocationId,
    cqc_rating: CQC_RATINGS[service.cqcRating] ?? service.cqcRating,
    cqc_rating_date: service.cqcRatingDate,
    council_accredited: service.councilAccredited,
    last_updated: service.updatedAt.toISOString(),
    page_url: `${webOrigin}/services/${encodeURIComponent(service.slug)}`,
  }));
}

export function serviceRatingRows(tables: RatingTables): OpenDataRow[] {
  return tables.services.map(({ input, reviewCount, meanRating, scoreOutOfTen, benchmark }) => ({
    service_id: input.serviceId,
    service_name: input.serviceName,
    organisation_id: input.organisationId,
    organisation_name: input.organisationName,
    main_care_type: input.careTypes[0] ? CARE_TYPES[input.careTypes[0]] : null,
    county: input.county,
    review_count: reviewCount,
    mean_rating_out_of_5: meanRating,
    score_out_of_10: scoreOutOfTen,
    cqc_rating: CQC_RATINGS[input.cqcRating] ?? input.cqcRating,
    headline_price_unit: input.headlinePrice ? PRICE_UNITS[input.headlinePrice.unit] : null,
    headline_price_gbp: input.headlinePrice ? input.headlinePrice.pence / 100 : null,
    area_median_price_gbp: benchmark ? benchmark.areaMedianPence / 100 : null,
    area_median_based_on_services: benchmark?.areaServices ?? null,
    price_vs_area_median_percent: benchmark?.percentVsMedian ?? null,
  }));
}

export function providerRatingRows(tables: RatingTables): OpenDataRow[] {
  return tables.providers.map((provider) => ({
    organisation_id: provider.organisationId,
    organisation_name: provider.organisationName,
    organisation_sector: sectorText(provider.sector),
    published_services: provider.publishedServices,
    review_count: provider.reviewCount,
    mean_rating_out_of_5: provider.meanRating,
    services_rated_good_or_outstanding: provider.servicesRatedGoodOrOutstanding,
    services_with_price_benchmark: provider.servicesWithBenchmark,
    median_price_vs_area_median_percent: provider.medianPercentVsAreaMedian,
  }));
}

function isPublished(cell: Cell): cell is Published<number | null> {
  return typeof cell === 'object' && cell !== null && 'suppressed' in cell;
}

function csvCell(cell: Cell): string | number | null {
  if (isPublished(cell)) return cell.suppressed ? SUPPRESSED_TEXT[cell.reason] : cell.value;
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return cell;
}

export function toCsv(dataset: OpenDataDataset, rows: OpenDataRow[]): string {
  const columns = OPEN_DATA_DICTIONARY[dataset].columns.map((c) => c.name);
  return stringify(
    rows.map((row) => columns.map((name) => csvCell(row[name] ?? null))),
    { header: true, columns, bom: true, record_delimiter: 'windows' },
  );
}

/** JSON: the rows with suppressed figures as null, and a `suppressed` map saying which and why. */
export function toJson(dataset: OpenDataDataset, rows: OpenDataRow[], extra: Record<string, unknown> = {}): string {
  const info = OPEN_DATA_DICTIONARY[dataset];
  const records = rows.map((row) => {
    const record: Record<string, string | number | boolean | null> = {};
    const suppressed: Record<string, string> = {};
    for (const { name } of info.columns) {
      const cell = row[name] ?? null;
      if (isPublished(cell)) {
        record[name] = cell.suppressed ? null : cell.value;
        if (cell.suppressed) suppressed[name] = SUPPRESSED_TEXT[cell.reason];
      } else {
        record[name] = cell;
      }
    }
    return Object.keys(suppressed).length ? { ...record, suppressed } : record;
  });
  return JSON.stringify({
    dataset,
    title: info.title,
    licence: OPEN_DATA_LICENCE,
    ...extra,
    rows: records,
  });
}
