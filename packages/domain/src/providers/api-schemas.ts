// The HTTP contract for organisations, provider listings and the council's verification queue.
import { Type, type Static, type TSchema } from 'typebox';
import { CareTypeSchema, CqcRatingSchema, FundingTypeSchema, SectorSchema, SpecialismSchema } from '../api-schemas.ts';
import { SERVICE_STATUSES } from '../taxonomy.ts';
import { PageSchema, pageQueryProperties } from '../pagination/page.ts';
import { AREA_SERVED_MAX_KM, MEMBER_ROLES, MODERATION_REASON_CODES, PRICE_LIMITS_PENCE } from './listing-rules.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/**
 * An optional listing field a form may post empty: "" is accepted here and stored as null
 * (normaliseListingInput), so an untouched empty field is never a change.
 */
const Blankable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Literal(''), Type.Null()]));
const Text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });

export const ServiceStatusSchema = Type.Enum([...SERVICE_STATUSES]);
export const MemberRoleSchema = Type.Enum([...MEMBER_ROLES]);
export const ModerationReasonSchema = Type.Enum([...MODERATION_REASON_CODES]);

const CQC_PROVIDER_ID = '^1-[0-9]{6,11}$';
const CQC_LOCATION_ID = '^1-[0-9]{6,11}$';

export const OrganisationBodySchema = Type.Object(
  {
    name: Text(200, 2),
    sector: SectorSchema,
    cqcProviderId: Type.Optional(Nullable(Type.String({ pattern: CQC_PROVIDER_ID, description: 'e.g. 1-101641521' }))),
    companyNumber: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z0-9]{8}$' }))),
    charityNumber: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{6,8}(-[0-9]{1,2})?$' }))),
    contactEmail: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    contactPhone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9 +()-]{7,20}$' }))),
    website: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 300, pattern: '^https?://' }))),
  },
  { additionalProperties: false },
);
export type OrganisationBody = Static<typeof OrganisationBodySchema>;
export const OrganisationPatchSchema = Type.Partial(OrganisationBodySchema, { additionalProperties: false });
export type OrganisationPatch = Static<typeof OrganisationPatchSchema>;

export const OrganisationSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  /** Null when not known (an organisation the CQC import made, until its provider says). */
  sector: Nullable(SectorSchema),
  cqcProviderId: Nullable(Type.String()),
  companyNumber: Nullable(Type.String()),
  charityNumber: Nullable(Type.String()),
  contactEmail: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  website: Nullable(Type.String()),
  verifiedAt: Nullable(Type.String()),
  source: Type.Enum(['provider', 'cqc']),
  /** The caller's role in it; null for council staff looking in. */
  myRole: Nullable(MemberRoleSchema),
  createdAt: Type.String(),
});
export type Organisation = Static<typeof OrganisationSchema>;

export const MemberSchema = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  email: Type.String(),
  displayName: Type.String(),
  role: MemberRoleSchema,
  since: Type.String(),
});
export type Member = Static<typeof MemberSchema>;

export const InvitationBodySchema = Type.Object(
  { email: Type.String({ format: 'email', maxLength: 254 }), role: MemberRoleSchema },
  { additionalProperties: false },
);
export type InvitationBody = Static<typeof InvitationBodySchema>;

export const InvitationSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  organisationId: Type.String({ format: 'uuid' }),
  email: Type.String(),
  role: MemberRoleSchema,
  expiresAt: Type.String(),
});
export type Invitation = Static<typeof InvitationSchema>;

export const MembersResponseSchema = Type.Object({
  members: Type.Array(MemberSchema),
  invitations: Type.Array(InvitationSchema),
});
export type MembersResponse = Static<typeof MembersResponseSchema>;

/** What the invitation link shows before anyone signs in: who invited which address to what. */
export const InvitationPreviewSchema = Type.Object({
  organisationName: Type.String(),
  email: Type.String(),
  role: MemberRoleSchema,
  expiresAt: Type.String(),
});
export type InvitationPreview = Static<typeof InvitationPreviewSchema>;

export const InvitationTokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }) });

export const AcceptInvitationBodySchema = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 200 }) },
  { additionalProperties: false },
);

const price = (unit: keyof typeof PRICE_LIMITS_PENCE) =>
  Type.Optional(
    Nullable(Type.Integer({ minimum: PRICE_LIMITS_PENCE[unit].min, maximum: PRICE_LIMITS_PENCE[unit].max })),
  );

/** Everything a provider may set on a listing. Text is stored as typed and always rendered escaped. */
const listingFields = {
  name: Text(120, 3),
  summary: Text(300, 10),
  description: Type.Optional(Text(5000)),
  careTypes: Type.Array(CareTypeSchema, { minItems: 1, maxItems: 10, uniqueItems: true }),
  specialisms: Type.Optional(Type.Array(SpecialismSchema, { maxItems: 20, uniqueItems: true })),
  addressLine1: Text(200, 2),
  addressLine2: Blankable(Text(200)),
  town: Text(100, 2),
  county: Text(100, 2),
  postcode: Type.String({ minLength: 5, maxLength: 10 }),
  areaServedKm: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: AREA_SERVED_MAX_KM }))),
  pricePerHourPence: price('hour'),
  pricePerVisitPence: price('visit'),
  pricePerNightPence: price('night'),
  pricePerWeekPence: price('week'),
  fundingAccepted: Type.Optional(Type.Array(FundingTypeSchema, { maxItems: 3, uniqueItems: true })),
  acceptingNewClients: Type.Optional(Type.Boolean()),
  languages: Type.Optional(Type.Array(Text(40, 2), { maxItems: 20, uniqueItems: true })),
  openingDetails: Blankable(Text(500)),
  phone: Blankable(Type.String({ pattern: '^[0-9 +()-]{7,20}$' })),
  email: Blankable(Type.String({ format: 'email', maxLength: 254 })),
  website: Blankable(Type.String({ format: 'uri', maxLength: 300, pattern: '^https?://' })),
  cqcLocationId: Blankable(Type.String({ pattern: CQC_LOCATION_ID })),
};

export const ListingCreateSchema = Type.Object(
  { organisationId: Type.String({ format: 'uuid' }), ...listingFields },
  { additionalProperties: false },
);
export type ListingCreate = Static<typeof ListingCreateSchema>;

export const ListingPatchSchema = Type.Partial(Type.Object(listingFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type ListingPatch = Static<typeof ListingPatchSchema>;

export const ProviderListingSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  organisationId: Type.String({ format: 'uuid' }),
  organisationName: Type.String(),
  slug: Type.String(),
  status: ServiceStatusSchema,
  name: Type.String(),
  summary: Type.String(),
  description: Type.String(),
  careTypes: Type.Array(CareTypeSchema),
  specialisms: Type.Array(Type.String()),
  addressLine1: Type.String(),
  addressLine2: Nullable(Type.String()),
  town: Type.String(),
  county: Type.String(),
  postcode: Type.String(),
  latitude: Type.Number(),
  longitude: Type.Number(),
  areaServedKm: Nullable(Type.Number()),
  pricePerHourPence: Nullable(Type.Integer()),
  pricePerVisitPence: Nullable(Type.Integer()),
  pricePerNightPence: Nullable(Type.Integer()),
  pricePerWeekPence: Nullable(Type.Integer()),
  fundingAccepted: Type.Array(FundingTypeSchema),
  acceptingNewClients: Type.Boolean(),
  languages: Type.Array(Type.String()),
  openingDetails: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  website: Nullable(Type.String()),
  cqcLocationId: Nullable(Type.String()),
  cqcRating: CqcRatingSchema,
  source: Type.Enum(['provider', 'cqc']),
  moderationReasonCode: Nullable(Type.String()),
  moderationNote: Nullable(Type.String()),
  moderatedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type ProviderListing = Static<typeof ProviderListingSchema>;

export const ListingEditResultSchema = Type.Object({
  listing: ProviderListingSchema,
  /** True when the edit sent a published listing back to the council for review. */
  backToReview: Type.Boolean(),
});
export type ListingEditResult = Static<typeof ListingEditResultSchema>;

export const VerificationQueueQuerySchema = Type.Object(
  {
    status: Type.Optional(ServiceStatusSchema),
    ...pageQueryProperties(50),
  },
  { additionalProperties: false },
);
export type VerificationQueueQuery = Static<typeof VerificationQueueQuerySchema>;

export const VerificationItemSchema = Type.Object({
  listing: ProviderListingSchema,
  organisation: Type.Object({
    id: Type.String(),
    name: Type.String(),
    sector: Nullable(SectorSchema),
    cqcProviderId: Nullable(Type.String()),
    verifiedAt: Nullable(Type.String()),
  }),
  /** What the council should check before publishing. */
  checks: Type.Array(Type.String()),
});
export type VerificationItem = Static<typeof VerificationItemSchema>;

export const VerificationQueueSchema = PageSchema(VerificationItemSchema);
export type VerificationQueue = Static<typeof VerificationQueueSchema>;

export const ModerationDecisionSchema = Type.Object(
  { reasonCode: ModerationReasonSchema, note: Text(2000, 3) },
  { additionalProperties: false },
);
export type ModerationDecision = Static<typeof ModerationDecisionSchema>;
export const PublishDecisionSchema = Type.Object({ note: Type.Optional(Text(2000)) }, { additionalProperties: false });
export type PublishDecision = Static<typeof PublishDecisionSchema>;

export const ClaimBodySchema = Type.Object({ evidence: Text(2000, 10) }, { additionalProperties: false });
export type ClaimBody = Static<typeof ClaimBodySchema>;

export const OrganisationClaimSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  organisationId: Type.String({ format: 'uuid' }),
  organisationName: Type.String(),
  cqcProviderId: Nullable(Type.String()),
  claimantId: Type.String({ format: 'uuid' }),
  claimantEmail: Type.String(),
  evidence: Type.String(),
  status: Type.Enum(['pending', 'approved', 'rejected']),
  createdAt: Type.String(),
});
export type OrganisationClaim = Static<typeof OrganisationClaimSchema>;

export const PHOTO_LIMITS = { maxBytes: 5 * 1024 * 1024, types: ['image/jpeg', 'image/png', 'image/webp'] } as const;

/** The multipart fields of a photo upload, as documented (the handler reads the parts itself). */
export const PhotoUploadBodySchema = Type.Object({
  altText: Type.String({ minLength: 3, maxLength: 300, description: 'What the photo shows, for screen readers' }),
  file: Type.String({
    format: 'binary',
    description: `JPEG, PNG or WebP, ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB at most`,
  }),
});

export const ServicePhotoSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  serviceId: Type.String({ format: 'uuid' }),
  url: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  altText: Type.String(),
  createdAt: Type.String(),
});
export type ServicePhoto = Static<typeof ServicePhotoSchema>;
