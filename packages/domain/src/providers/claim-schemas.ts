// The HTTP contract for a provider finding a listing the CQC import made and claiming the organisation that runs it.
import { Type, type Static, type TSchema } from 'typebox';
import { PageSchema, pageQueryProperties } from '../pagination/page.ts';
import { CareTypeSchema } from '../api-schemas.ts';
import { ModerationReasonSchema } from './api-schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const CLAIM_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  pending: 'Waiting for the council',
  approved: 'Approved: the listings are yours',
  rejected: 'Not approved',
};

/** Name, CQC location or provider id, or postcode: two characters at least, so one letter does not list everything. */
export const ClaimSearchQuerySchema = Type.Object(
  { q: Type.String({ minLength: 2, maxLength: 100 }), ...pageQueryProperties() },
  { additionalProperties: false },
);
export type ClaimSearchQuery = Static<typeof ClaimSearchQuerySchema>;

/**
 * Where a listing stands for the caller: `claimable` (imported from the CQC, nobody runs it here yet),
 * `yours_pending` (the caller's claim waits for the council), `managed` (an organisation already runs it here).
 */
export const CLAIMABILITY = ['claimable', 'yours_pending', 'managed'] as const;
export type Claimability = (typeof CLAIMABILITY)[number];

export const ClaimableServiceSchema = Type.Object({
  serviceId: Type.String({ format: 'uuid' }),
  serviceName: Type.String(),
  careTypes: Type.Array(CareTypeSchema),
  addressLine1: Type.String(),
  town: Type.String(),
  postcode: Type.String(),
  cqcLocationId: Nullable(Type.String()),
  organisationId: Type.String({ format: 'uuid' }),
  organisationName: Type.String(),
  cqcProviderId: Nullable(Type.String()),
  /** How many listings the organisation has: claiming it takes them all. */
  organisationServiceCount: Type.Integer(),
  claimability: Type.Enum([...CLAIMABILITY]),
});
export type ClaimableService = Static<typeof ClaimableServiceSchema>;
export const ClaimSearchResponseSchema = PageSchema(ClaimableServiceSchema);
export type ClaimSearchResponse = Static<typeof ClaimSearchResponseSchema>;

/** A claim as its claimant sees it: where it stands and, once decided, what the council said. */
export const MyClaimSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  organisationId: Type.String({ format: 'uuid' }),
  organisationName: Type.String(),
  evidence: Type.String(),
  status: Type.Enum([...CLAIM_STATUSES]),
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  reasonCode: Nullable(ModerationReasonSchema),
  decisionNote: Nullable(Type.String()),
  services: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      name: Type.String(),
      town: Type.String(),
      postcode: Type.String(),
    }),
  ),
});
export type MyClaim = Static<typeof MyClaimSchema>;
export const MyClaimsResponseSchema = PageSchema(MyClaimSchema);
export type MyClaimsResponse = Static<typeof MyClaimsResponseSchema>;
