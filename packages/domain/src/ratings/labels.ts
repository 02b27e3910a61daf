// Review labels and limits shared by the API's schemas and the web app's review pages. A plain module without
// TypeBox, so a service page on a phone does not download the HTTP schemas with its review list.

export const REVIEWER_RELATIONSHIPS = ['self', 'family', 'friend', 'informal_carer', 'professional'] as const;
export type ReviewerRelationship = (typeof REVIEWER_RELATIONSHIPS)[number];
export const RELATIONSHIP_LABELS: Record<ReviewerRelationship, string> = {
  self: 'I receive the care',
  family: 'Family member',
  friend: 'Friend',
  informal_carer: 'Unpaid carer',
  professional: 'Care professional',
};

export const REJECT_REASONS = {
  personal_details: 'It contains personal details (names, phone numbers, emails or links)',
  offensive: 'It contains offensive language',
  not_about_service: 'It is not about this care service',
  conflict_of_interest: 'It was written by someone with a conflict of interest',
  false_or_misleading: 'It appears to be false or misleading',
  duplicate: 'It repeats another review',
  safeguarding: 'It raised a safeguarding concern that we are handling separately',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

export const REPORT_REASONS = {
  false: 'It is false',
  offensive: 'It is offensive',
  personal_details: 'It contains personal details',
  not_about_service: 'It is not about this service',
  conflict_of_interest: 'The writer has a conflict of interest',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

export const REVIEW_LIMITS = {
  titleMin: 3,
  titleMax: 120,
  bodyMin: 20,
  bodyMax: 5000,
  noteMax: 1000,
  replyMax: 3000,
  /** The period of care must be within the last 12 months. */
  periodMonthsBack: 12,
  /** A provider may edit its reply for 30 minutes after posting it. */
  replyEditWindowMinutes: 30,
} as const;
