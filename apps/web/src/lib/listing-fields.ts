// The listing form's fields, written once for the form (ListingForm.svelte), for reading it back
// (lib/server/listing-form.ts) and for its error summary.
import { LISTING_PLACE_FIELDS } from '@care-assist/domain';

/** One price a listing can give, per unit, in the order the form shows them. */
export const PRICE_FIELDS = [
  { field: 'pricePerHourPence', unit: 'hour', label: 'Price per hour' },
  { field: 'pricePerVisitPence', unit: 'visit', label: 'Price per visit' },
  { field: 'pricePerNightPence', unit: 'night', label: 'Price per night' },
  { field: 'pricePerWeekPence', unit: 'week', label: 'Price per week' },
] as const;

/** The order the fields appear on the page, for the error summary. */
export const LISTING_FIELD_ORDER: string[] = [
  'name',
  'summary',
  'description',
  'careTypes',
  'specialisms',
  'fundingAccepted',
  ...LISTING_PLACE_FIELDS,
  ...PRICE_FIELDS.map((p) => p.field),
  'languages',
  'openingDetails',
  'phone',
  'email',
  'website',
];
