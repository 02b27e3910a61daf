// Reads the listing form (prices typed in pounds, checkboxes, comma-separated languages) into the API's
// listing body, and maps the API's field errors back onto the form's inputs.
import {
  AREA_SERVED_MAX_KM,
  PRICE_LIMITS_PENCE,
  formatPence,
  normaliseListingInput,
  parsePounds,
  type ListingPatch,
  type Problem,
  type ProviderListing,
} from '@care-assist/domain';
import { LISTING_FIELD_ORDER, PRICE_FIELDS } from '$lib/listing-fields';
import { problemMessage } from './api';
import { formStrings } from './forms';

export type ListingFormValues = Record<string, string | string[]>;

const LIST_FIELDS: readonly string[] = ['careTypes', 'specialisms', 'fundingAccepted'];
const TEXT_FIELDS = LISTING_FIELD_ORDER.filter((field) => !LIST_FIELDS.includes(field));

export function listingFromForm(form: FormData): {
  body: Required<Pick<ListingPatch, 'name'>> & ListingPatch;
  values: ListingFormValues;
  errors: Record<string, string>;
} {
  const values: ListingFormValues = formStrings(form, TEXT_FIELDS);
  for (const field of LIST_FIELDS) values[field] = form.getAll(field).filter((v): v is string => typeof v === 'string');
  values.acceptingNewClients = form.get('acceptingNewClients') === 'yes' ? 'yes' : '';

  const errors: Record<string, string> = {};
  const text = (field: string) => values[field] as string;
  const body: Record<string, unknown> = {
    name: text('name'),
    summary: text('summary'),
    description: text('description'),
    careTypes: values.careTypes,
    specialisms: values.specialisms,
    addressLine1: text('addressLine1'),
    addressLine2: text('addressLine2'),
    town: text('town'),
    county: text('county'),
    postcode: text('postcode'),
    fundingAccepted: values.fundingAccepted,
    acceptingNewClients: values.acceptingNewClients === 'yes',
    languages: text('languages')
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean),
    openingDetails: text('openingDetails'),
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
  };
  const area = text('areaServedKm');
  if (area && !/^\d+(\.\d+)?$/.test(area)) errors.areaServedKm = 'Enter the distance in kilometres, like 10';
  body.areaServedKm = area ? Number(area) : null;
  for (const { field, unit } of PRICE_FIELDS) {
    const typed = text(field);
    const pence = typed ? parsePounds(typed) : null;
    if (typed && pence === null) errors[field] = `Enter the price per ${unit} in pounds, like 28.50`;
    else body[field] = pence;
  }
  if (!text('name')) errors.name = 'Enter the name of the service';
  if ((values.careTypes as string[]).length === 0) errors.careTypes = 'Choose at least one type of care';
  if (!text('postcode')) errors.postcode = 'Enter the postcode of the service';
  // The same boundary as the API: blank optional fields become null, so an untouched field is never a change.
  return { body: normaliseListingInput(body) as Required<Pick<ListingPatch, 'name'>> & ListingPatch, values, errors };
}

/** The API's schema messages ("must be <= 20000") in words a provider understands. */
function friendlyMessage(field: string, message: string): string {
  const price = PRICE_FIELDS.find((p) => p.field === field);
  if (price) {
    const { min, max } = PRICE_LIMITS_PENCE[price.unit];
    return `Enter a price per ${price.unit} between ${formatPence(min)} and ${formatPence(max)}`;
  }
  if (field === 'areaServedKm') return `Enter a distance up to ${AREA_SERVED_MAX_KM} km`;
  if (field === 'summary') return 'Enter a summary of 10 to 300 characters';
  if (field === 'cqcLocationId') return 'Enter a CQC location id like 1-123456789';
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** API field paths ("careTypes.0", "body/postcode") become the form's input names. */
export function listingProblemErrors(problem: Problem): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { field, message } of problem.errors ?? []) {
    const name = field.replace(/^\/?body[/.]?/, '').split(/[/.]/)[0] || 'form';
    errors[name] ??= friendlyMessage(name, message);
  }
  if (Object.keys(errors).length === 0) errors.form = problemMessage(problem);
  return errors;
}

const pounds = (pence: number | null) => (pence === null ? '' : (pence / 100).toFixed(2));

export function listingToValues(listing: ProviderListing): ListingFormValues {
  return {
    name: listing.name,
    summary: listing.summary,
    description: listing.description,
    careTypes: listing.careTypes,
    specialisms: listing.specialisms,
    addressLine1: listing.addressLine1,
    addressLine2: listing.addressLine2 ?? '',
    town: listing.town,
    county: listing.county,
    postcode: listing.postcode,
    areaServedKm: listing.areaServedKm === null ? '' : String(listing.areaServedKm),
    pricePerHourPence: pounds(listing.pricePerHourPence),
    pricePerVisitPence: pounds(listing.pricePerVisitPence),
    pricePerNightPence: pounds(listing.pricePerNightPence),
    pricePerWeekPence: pounds(listing.pricePerWeekPence),
    fundingAccepted: listing.fundingAccepted,
    acceptingNewClients: listing.acceptingNewClients ? 'yes' : '',
    languages: listing.languages.join(', '),
    openingDetails: listing.openingDetails ?? '',
    phone: listing.phone ?? '',
    email: listing.email ?? '',
    website: listing.website ?? '',
  };
}
