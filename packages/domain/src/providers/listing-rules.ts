// The rules of a listing's life: who may move it where, which edits need the council to look again,
// and the bounds on what a provider may enter. Pure, so the API and the web agree on them.
import type { ServiceStatus } from '../taxonomy.ts';

/** Prices are pence per unit; the upper bounds catch a typo (pounds entered as pence, an extra nought). */
export const PRICE_LIMITS_PENCE = {
  hour: { min: 100, max: 20_000 },
  visit: { min: 100, max: 50_000 },
  night: { min: 1_000, max: 200_000 },
  week: { min: 5_000, max: 1_500_000 },
} as const;

export const AREA_SERVED_MAX_KM = 100;

/** Where a service is and how far it travels, in the order a listing form asks for them. */
export const LISTING_PLACE_FIELDS = [
  'addressLine1',
  'addressLine2',
  'town',
  'county',
  'postcode',
  'areaServedKm',
] as const;

/**
 * Edits that change what a listing claims to be. On a published listing they send it back to the council
 * for review; everything else (prices, vacancies, funding, contact details, opening details) publishes at once.
 */
export const SIGNIFICANT_LISTING_FIELDS = [
  'name',
  'summary',
  'description',
  'careTypes',
  'specialisms',
  ...LISTING_PLACE_FIELDS,
  'cqcLocationId',
  'languages',
] as const;

export function isSignificantEdit(changedFields: readonly string[]): boolean {
  return changedFields.some((f) => (SIGNIFICANT_LISTING_FIELDS as readonly string[]).includes(f));
}

export type ListingAction = 'submit' | 'publish' | 'reject' | 'suspend';

/** From which statuses each action may start, and where it leads. */
export const LISTING_TRANSITIONS: Record<ListingAction, { from: readonly ServiceStatus[]; to: ServiceStatus }> = {
  submit: { from: ['draft', 'rejected'], to: 'pending' },
  publish: { from: ['pending', 'suspended'], to: 'published' },
  reject: { from: ['pending'], to: 'rejected' },
  suspend: { from: ['published', 'pending'], to: 'suspended' },
};

export function nextStatus(action: ListingAction, from: ServiceStatus): ServiceStatus | null {
  const rule = LISTING_TRANSITIONS[action];
  return rule.from.includes(from) ? rule.to : null;
}

export const SERVICE_STATUS_LABELS: Record<ServiceStatus, string> = {
  draft: 'Draft',
  pending: 'Waiting for council review',
  published: 'Published',
  rejected: 'Not accepted',
  suspended: 'Suspended by the council',
};

export const MODERATION_REASONS = {
  cqc_mismatch: 'CQC registration does not match',
  not_registered: 'Not registered with the CQC for this care',
  inaccurate: 'Inaccurate or misleading information',
  incomplete: 'Information missing',
  inappropriate: 'Inappropriate content',
  duplicate: 'Duplicate listing',
  safeguarding: 'Safeguarding concern',
  other: 'Other',
} as const;
export type ModerationReason = keyof typeof MODERATION_REASONS;
export const MODERATION_REASON_CODES = Object.keys(MODERATION_REASONS) as ModerationReason[];

export const MEMBER_ROLES = ['owner', 'staff'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
