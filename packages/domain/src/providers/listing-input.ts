// One boundary for what a provider types into a listing: blanks become null, text is trimmed, and two values
// are compared by what they mean, not how they are spelt. The web form and the API both pass listing input
// through `normaliseListingInput`, and the API decides "did this edit change anything?" with `sameListingValue`.
// Why: an empty address line 2 posted as "" once counted as an address change and took published listings
// off the site (issue 14), because the stored value was null.

/** Optional text fields that mean "not given" when empty; they are stored as null, never as "". */
export const NULLABLE_LISTING_TEXT_FIELDS = [
  'addressLine2',
  'openingDetails',
  'phone',
  'email',
  'website',
  'cqcLocationId',
] as const;

/** List fields whose order carries no meaning (a set of care types is the same set in any order). */
const UNORDERED_LIST_FIELDS = new Set(['careTypes', 'specialisms', 'fundingAccepted', 'languages']);

const isNullableText = (field: string) => (NULLABLE_LISTING_TEXT_FIELDS as readonly string[]).includes(field);

/**
 * Trims every text value, turns blank optional text into null, and drops blank entries from lists. Fields
 * that are absent stay absent (a patch only touches what it names). Pure; returns a new object.
 */
export function normaliseListingInput<T extends Record<string, unknown>>(input: T): T {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (typeof value === 'string') {
      const trimmed = value.trim();
      out[field] = trimmed === '' && isNullableText(field) ? null : trimmed;
    } else if (Array.isArray(value)) {
      out[field] = value
        .map((entry: unknown) => (typeof entry === 'string' ? entry.trim() : entry))
        .filter((entry) => entry !== '');
    } else {
      out[field] = value;
    }
  }
  return out as T;
}

/** Text as it reads: outer space trimmed, runs of spaces one space; null and blank are the same "nothing". */
function meaningOfText(value: string | null | undefined): string {
  return (value ?? '').trim().replace(/\s+/g, ' ');
}

/** Whether two values of a listing field say the same thing. */
export function sameListingValue(field: string, a: unknown, b: unknown): boolean {
  const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  if (blank(a) && blank(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    const list = (v: unknown) => (Array.isArray(v) ? v.map((e) => meaningOfText(String(e))) : []);
    const [left, right] = [list(a), list(b)];
    if (UNORDERED_LIST_FIELDS.has(field)) {
      const key = (l: string[]) => JSON.stringify([...new Set(l.map((e) => e.toLowerCase()))].sort());
      return key(left) === key(right);
    }
    return JSON.stringify(left) === JSON.stringify(right);
  }
  if (typeof a === 'number' && typeof b === 'number') {
    // Distances are stored as a 4-byte real: 7.3 comes back as 7.30000019..., which is still 7.3.
    return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  if ((typeof a === 'string' || blank(a)) && (typeof b === 'string' || blank(b))) {
    return meaningOfText(a as string | null) === meaningOfText(b as string | null);
  }
  return a === b;
}

/** The fields of `patch` whose value differs in meaning from `current` (postcode is compared by the caller). */
export function changedListingFields(current: Record<string, unknown>, patch: Record<string, unknown>): string[] {
  return Object.entries(patch)
    .filter(([field, value]) => value !== undefined && !sameListingValue(field, current[field], value))
    .map(([field]) => field);
}
