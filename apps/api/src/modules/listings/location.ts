// A listing's postcode must be a full UK postcode we can place on the map from the bundled data.
import { locatePostcode } from '@care-assist/geo';
import { ValidationFailed } from '../../errors.ts';

const FULL_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$/;

export function locateListingPostcode(raw: string): { postcode: string; latitude: number; longitude: number } {
  const match = FULL_POSTCODE.exec(raw.trim().toUpperCase());
  const postcode = match ? `${match[1]} ${match[2]}` : null;
  const located = postcode ? locatePostcode(postcode) : null;
  if (!postcode || !located?.ok) {
    throw new ValidationFailed(`We could not find the postcode "${raw}".`, [
      { field: 'postcode', message: 'Enter the full postcode of the service, like CM1 1AA' },
    ]);
  }
  return { postcode, latitude: located.location.latitude, longitude: located.location.longitude };
}

export function slugify(...parts: string[]): string {
  return parts
    .join(' ')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}
