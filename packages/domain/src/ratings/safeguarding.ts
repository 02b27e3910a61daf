// Support for the council's moderators and for the people whose reviews say someone may be at risk: who to call,
// the escalation and contact-the-writer requests, and the audit log in plain words.
import { Type, type Static } from 'typebox';

/**
 * Who to call about an adult at risk in the council's area (Essex Social Care Direct, as published by the
 * Essex Safeguarding Adults Board at essexsab.org.uk/reporting-concerns). Shown to the writer of a review
 * that mentions harm and to the moderator who reads it.
 */
export const SAFEGUARDING_CONTACT = {
  team: 'Essex Social Care Direct (adult safeguarding)',
  phone: '0345 603 7630',
  outOfHoursPhone: '0345 606 1212',
  emergency: '999',
  policeNonEmergency: '101',
  /** How the council's safeguarding adults procedure says a concern is reported. */
  procedureUrl: 'https://essexsab.org.uk/reporting-concerns',
  procedureTitle: 'Reporting concerns (Essex Safeguarding Adults Board)',
} as const;

/** Who a moderator may pass a concern to; "other" is written in. */
export const ESCALATION_TARGETS = {
  social_care_direct: 'Essex Social Care Direct (adult safeguarding)',
  police: 'Essex Police',
  cqc: 'Care Quality Commission (CQC)',
  senior_moderator: 'Senior moderator',
} as const;
export type EscalationTarget = keyof typeof ESCALATION_TARGETS;

export const EscalateBodySchema = Type.Object(
  {
    to: Type.Enum(Object.keys(ESCALATION_TARGETS) as EscalationTarget[]),
    /** What was passed on and any reference the team gave. */
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type EscalateBody = Static<typeof EscalateBodySchema>;

export const CONTACT_WRITER_LIMITS = { min: 10, max: 2000 } as const;
export const ContactWriterBodySchema = Type.Object(
  { message: Type.String({ minLength: CONTACT_WRITER_LIMITS.min, maxLength: CONTACT_WRITER_LIMITS.max }) },
  { additionalProperties: false },
);
export type ContactWriterBody = Static<typeof ContactWriterBodySchema>;

export const EscalationSchema = Type.Object({
  byName: Type.String(),
  to: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
});
export type Escalation = Static<typeof EscalationSchema>;

/** Audit log actions as a person would say them. An action missing here is shown with its underscores spaced. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  publish: 'Published',
  reject: 'Rejected',
  request_edit: 'Asked the writer for changes',
  withdraw: 'Withdrew',
  resubmit: 'Edited and sent again',
  escalate: 'Escalated',
  contact_writer: 'Contacted the writer',
  dismiss: 'Decided it was not a burst',
  verify: 'Verified',
  unverify: 'Removed verification',
  suspend: 'Suspended',
  reinstate: 'Reinstated',
  cancel: 'Cancelled',
  approve: 'Approved',
  submit: 'Sent for council review',
  approve_claim: 'Approved the claim',
  reject_claim: 'Turned down the claim',
  grant_commissioner: 'Gave commissioner access',
  revoke_commissioner: 'Took away commissioner access',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action.replaceAll('_', ' ');
}
