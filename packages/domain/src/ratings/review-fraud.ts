// Defences against review fraud (issue 13): a burst of reviews of one service is one suspicion, not many.
// Pure rules here; the API's review service applies them when a review arrives and moderators decide a
// suspected group as a whole. Nothing here publishes or rejects: pending reviews never count in a rating.
import type { PrecheckCode, PrecheckFlag } from './prechecks.ts';

export const REVIEW_GROUP_STATUSES = ['open', 'rejected', 'dismissed'] as const;
export type ReviewGroupStatus = (typeof REVIEW_GROUP_STATUSES)[number];

/** Signals that make reviews one suspected group: together they look like one person or one campaign. */
export const GROUP_SIGNALS: readonly PrecheckCode[] = ['burst', 'network_burst', 'shared_device'];

/** An account younger than this when it writes a review is "new" (signed up to write it). */
export const NEW_ACCOUNT_MINUTES = 60;
/** Accounts younger than this count towards the per-network limit on new accounts' reviews. */
export const FRESH_ACCOUNT_HOURS = 24;
/**
 * The default limit on reviews an hour from one network by accounts younger than FRESH_ACCOUNT_HOURS: the
 * sign-up → sign-in → review sequence a burst is made of. A household writing a few reviews is unaffected.
 * (NEW_ACCOUNT_REVIEWS_PER_NETWORK_PER_HOUR in the API's configuration.)
 */
export const FRESH_ACCOUNT_REVIEWS_PER_NETWORK_PER_HOUR = 5;

/** What an unverified review with a trust signal counts for in the ranking (a verified one counts fully). */
export const REDUCED_TRUST_WEIGHT = 0.5;
/** Signals that make an unverified review count less. */
export const REDUCED_TRUST_SIGNALS: readonly PrecheckCode[] = ['new_account', 'network_burst', 'shared_device'];

export function isNewAccount(accountCreatedAt: Date, reviewedAt: Date): boolean {
  const ageMs = reviewedAt.getTime() - accountCreatedAt.getTime();
  return ageMs >= 0 && ageMs < NEW_ACCOUNT_MINUTES * 60_000;
}

export function newAccountFlag(accountCreatedAt: Date, reviewedAt: Date): PrecheckFlag[] {
  if (!isNewAccount(accountCreatedAt, reviewedAt)) return [];
  const minutes = Math.floor((reviewedAt.getTime() - accountCreatedAt.getTime()) / 60_000);
  return [{ code: 'new_account', match: `account ${minutes} minute${minutes === 1 ? '' : 's'} old` }];
}

export function sharedDeviceFlag(otherAuthorsOnDevice: number): PrecheckFlag[] {
  return otherAuthorsOnDevice > 0
    ? [{ code: 'shared_device', match: `${otherAuthorsOnDevice + 1} accounts from one browser` }]
    : [];
}

export function trustWeightOf(flags: readonly PrecheckFlag[]): number {
  return flags.some((f) => REDUCED_TRUST_SIGNALS.includes(f.code)) ? REDUCED_TRUST_WEIGHT : 1;
}

/** The group signals among a review's flags. */
export function groupSignalsOf(flags: readonly PrecheckFlag[]): PrecheckCode[] {
  return [...new Set(flags.map((f) => f.code).filter((code) => GROUP_SIGNALS.includes(code)))];
}

/** A review's flags with `flag` added unless one of its code is already there (re-flagging earlier reviews). */
export function withFlag(flags: readonly PrecheckFlag[], flag: PrecheckFlag): PrecheckFlag[] {
  return flags.some((f) => f.code === flag.code) ? [...flags] : [...flags, flag];
}
