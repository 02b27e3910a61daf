// The HTTP contract of the account lifecycle: verification, password reset, profile changes and data rights.
import { Type, type Static } from 'typebox';
import { PASSWORD_MIN_LENGTH } from '../api-schemas.ts';

/** Links e-mailed to people carry a random token: 43 base64url characters. */
const LinkToken = Type.String({ minLength: 20, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' });
const Password = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 200 });
const Email = Type.String({ format: 'email', maxLength: 254 });

export const TokenBodySchema = Type.Object({ token: LinkToken }, { additionalProperties: false });
export type TokenBody = Static<typeof TokenBodySchema>;

export const PasswordResetRequestSchema = Type.Object({ email: Email }, { additionalProperties: false });
export type PasswordResetRequest = Static<typeof PasswordResetRequestSchema>;

export const PasswordResetBodySchema = Type.Object(
  { token: LinkToken, password: Password },
  { additionalProperties: false },
);
export type PasswordResetBody = Static<typeof PasswordResetBodySchema>;

/** The same answer whether or not the address has an account. */
export const AcceptedMessageSchema = Type.Object({ message: Type.String() });
export type AcceptedMessage = Static<typeof AcceptedMessageSchema>;

export const ProfileBodySchema = Type.Object(
  { displayName: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export type ProfileBody = Static<typeof ProfileBodySchema>;

export const EmailChangeBodySchema = Type.Object(
  { newEmail: Email, password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type EmailChangeBody = Static<typeof EmailChangeBodySchema>;

export const PasswordChangeBodySchema = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password },
  { additionalProperties: false },
);
export type PasswordChangeBody = Static<typeof PasswordChangeBodySchema>;

export const AccountDeletionBodySchema = Type.Object(
  {
    password: Type.String({ minLength: 1, maxLength: 200 }),
    /** Also withdraw the person's reviews; by default they stay, credited to "Former user". */
    removeReviews: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
export type AccountDeletionBody = Static<typeof AccountDeletionBodySchema>;

export const UnsubscribeResultSchema = Type.Object({ kind: Type.String(), label: Type.String() });
export type UnsubscribeResult = Static<typeof UnsubscribeResultSchema>;

/** What Care Assist holds about a person, as downloaded from GET /api/v1/me/data. Sections are open objects. */
export const AccountDataSchema = Type.Object({
  generatedAt: Type.String(),
  profile: Type.Record(Type.String(), Type.Unknown()),
  reviews: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  questions: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  bookings: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  messages: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  budgetStatements: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  notifications: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  sessions: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  shortlist: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  emailPreferences: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  emails: Type.Array(Type.Record(Type.String(), Type.Unknown())),
});
export type AccountData = Static<typeof AccountDataSchema>;

/** What the privacy page states from the running configuration (GET /api/v1/privacy). */
export const PrivacyFactsSchema = Type.Object({
  councilName: Type.String(),
  retention: Type.Object({
    searchEventDays: Type.Integer(),
    emailDays: Type.Integer(),
    idempotencyKeyDays: Type.Integer(),
    processedOutboxDays: Type.Integer(),
    refreshTokenDays: Type.Integer(),
    financialRecordYears: Type.Integer(),
    purgeEveryMinutes: Type.Integer(),
  }),
});
export type PrivacyFacts = Static<typeof PrivacyFactsSchema>;
