// The notification e-mails a person can switch on or off, with their defaults and the words the pages use.
// In-app notifications are not affected by these preferences.
import { Type, type Static } from 'typebox';

export const EMAIL_NOTIFICATION_KINDS = [
  'quote_received',
  'quote_decision',
  'invoice_awaiting_approval',
  'payment_made',
  'review_decision',
  'review_reply',
  'new_review',
  'new_question',
  'moderation_digest',
  'safeguarding_flag',
] as const;
export type EmailNotificationKind = (typeof EMAIL_NOTIFICATION_KINDS)[number];

export interface EmailKindInfo {
  label: string;
  /** Why the person got it, for the e-mail's footer. */
  reason: string;
  /** On unless the person switched it off. Every kind is on by default: each is about something they asked for. */
  defaultOn: boolean;
}

export const EMAIL_KIND_INFO: Record<EmailNotificationKind, EmailKindInfo> = {
  quote_received: {
    label: 'A provider sent you a quote',
    reason: 'You asked a provider for a quote on Care Assist.',
    defaultOn: true,
  },
  quote_decision: {
    label: 'Your quote was accepted or declined',
    reason: 'You sent a quote on Care Assist.',
    defaultOn: true,
  },
  invoice_awaiting_approval: {
    label: 'An invoice is waiting for your approval',
    reason: 'You have care arranged through Care Assist.',
    defaultOn: true,
  },
  payment_made: {
    label: 'A payment was made',
    reason: 'You have care arranged or provided through Care Assist.',
    defaultOn: true,
  },
  review_decision: {
    label: 'Your review was published or not published',
    reason: 'You wrote a review on Care Assist.',
    defaultOn: true,
  },
  review_reply: {
    label: 'A provider replied to your review',
    reason: 'You wrote a review on Care Assist.',
    defaultOn: true,
  },
  new_review: {
    label: 'A new review of your service was published',
    reason: 'You help run a service listed on Care Assist.',
    defaultOn: true,
  },
  new_question: {
    label: 'Someone asked a question about your service',
    reason: 'You help run a service listed on Care Assist.',
    defaultOn: true,
  },
  moderation_digest: {
    label: 'Daily summary of reviews waiting for moderation',
    reason: 'You moderate reviews on Care Assist.',
    defaultOn: true,
  },
  safeguarding_flag: {
    label: 'A safeguarding concern was flagged (sent at once)',
    reason: 'You moderate reviews on Care Assist.',
    defaultOn: true,
  },
};

export const isEmailNotificationKind = (kind: string): kind is EmailNotificationKind =>
  (EMAIL_NOTIFICATION_KINDS as readonly string[]).includes(kind);

export const EmailPreferenceSchema = Type.Object({
  kind: Type.Enum([...EMAIL_NOTIFICATION_KINDS]),
  label: Type.String(),
  email: Type.Boolean(),
});
export type EmailPreference = Static<typeof EmailPreferenceSchema>;
export const EmailPreferencesSchema = Type.Object({ items: Type.Array(EmailPreferenceSchema) });
export type EmailPreferences = Static<typeof EmailPreferencesSchema>;
export const EmailPreferencesBodySchema = Type.Object(
  { preferences: Type.Record(Type.String({ maxLength: 40 }), Type.Boolean()) },
  { additionalProperties: false },
);

/** What a deleted account is called wherever its reviews, questions and messages remain. */
export const ERASED_DISPLAY_NAME = 'Former user';
