// The HTTP contract between apps/api and apps/web, as TypeBox schemas.
// The API validates with them and documents them in OpenAPI; the web app uses the static types.
import { Type, type Static } from 'typebox';
import {
  CARE_TYPE_CODES,
  CQC_RATING_CODES,
  FUNDING_TYPE_CODES,
  PRICE_UNIT_CODES,
  SECTOR_CODES,
  SPECIALISM_CODES,
  USER_ROLES,
} from './taxonomy.ts';

export const CareTypeSchema = Type.Enum([...CARE_TYPE_CODES]);
export const CqcRatingSchema = Type.Enum([...CQC_RATING_CODES]);
export const FundingTypeSchema = Type.Enum([...FUNDING_TYPE_CODES]);
export const PriceUnitSchema = Type.Enum([...PRICE_UNIT_CODES]);
export const SpecialismSchema = Type.Enum([...SPECIALISM_CODES]);
export const SectorSchema = Type.Enum([...SECTOR_CODES]);
export const UserRoleSchema = Type.Enum([...USER_ROLES]);

// Kept in a module of its own so the web app's search form can use it without the schemas (and TypeBox).
import { SEARCH_LIMITS, formatSearchTotal } from './search/limits.ts';
export { SEARCH_LIMITS, formatSearchTotal };

import { SEARCH_SORTS } from './search/sorts.ts';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem' },
);
export type Problem = Static<typeof ProblemSchema>;

export const RatingSummarySchema = Type.Object({
  mean: Type.Union([Type.Number(), Type.Null()]),
  count: Type.Integer(),
  rankingScore: Type.Number(),
  text: Type.String(),
});
export type RatingSummary = Static<typeof RatingSummarySchema>;

export const PriceSchema = Type.Object({ unit: PriceUnitSchema, amountPence: Type.Integer() });

/**
 * "Highly rated" recognition (the rule: packages/domain/src/insight/recognition.ts, published at
 * /help/highly-rated): the year, and the care types of this service it was recognised for in its county.
 */
export const ServiceRecognitionSchema = Type.Object({
  year: Type.Integer(),
  careTypes: Type.Array(CareTypeSchema),
  county: Type.String(),
});
export type ServiceRecognition = Static<typeof ServiceRecognitionSchema>;

export const ServiceSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  name: Type.String(),
  organisationName: Type.String(),
  summary: Type.String(),
  careTypes: Type.Array(CareTypeSchema),
  town: Type.String(),
  county: Type.String(),
  postcode: Type.String(),
  latitude: Type.Number(),
  longitude: Type.Number(),
  distanceKm: Type.Union([Type.Number(), Type.Null()]),
  headlinePrice: Type.Union([PriceSchema, Type.Null()]),
  cqcRating: CqcRatingSchema,
  acceptingNewClients: Type.Boolean(),
  councilAccredited: Type.Boolean(),
  fundingAccepted: Type.Array(FundingTypeSchema),
  rating: RatingSummarySchema,
  /** Value for money from the reviews (see DESIGN.md); null until there are enough reviews to say. */
  valueScore: Type.Union([Type.Number(), Type.Null()]),
  /** The latest "highly rated" recognition (this year's or last year's), when there is one. */
  highlyRated: Type.Optional(Type.Union([ServiceRecognitionSchema, Type.Null()])),
});
export type ServiceSummary = Static<typeof ServiceSummarySchema>;

export const SearchQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: SEARCH_LIMITS.maxQueryLength })),
    postcode: Type.Optional(Type.String({ maxLength: 60 })),
    radius_km: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: SEARCH_LIMITS.maxRadiusKm })),
    care_type: Type.Optional(CareTypeSchema),
    specialism: Type.Optional(SpecialismSchema),
    funding: Type.Optional(FundingTypeSchema),
    price_min: Type.Optional(
      Type.Integer({ minimum: 0, maximum: SEARCH_LIMITS.maxPricePence, description: 'Pence, per price_unit' }),
    ),
    price_max: Type.Optional(
      Type.Integer({ minimum: 0, maximum: SEARCH_LIMITS.maxPricePence, description: 'Pence, per price_unit' }),
    ),
    price_unit: Type.Optional(
      Type.Enum([...PRICE_UNIT_CODES], {
        description: 'What price_min/max and sort=price use; default headline price',
      }),
    ),
    min_rating: Type.Optional(Type.Number({ minimum: 1, maximum: 5 })),
    cqc_rating: Type.Optional(
      Type.Union([CqcRatingSchema, Type.Array(CqcRatingSchema, { maxItems: CQC_RATING_CODES.length })], {
        description: 'One CQC rating, or several (repeat the parameter): any of them',
      }),
    ),
    vacancies: Type.Optional(Type.Boolean({ description: 'Only services accepting new clients' })),
    language: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    council_accredited: Type.Optional(Type.Boolean()),
    sort: Type.Optional(
      Type.Enum([...SEARCH_SORTS], {
        description: 'Default: distance when a postcode is given without words, otherwise relevance',
      }),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_LIMITS.maxPage, default: 1 })),
    per_page: Type.Optional(
      Type.Integer({ minimum: 1, maximum: SEARCH_LIMITS.maxPerPage, default: SEARCH_LIMITS.defaultPerPage }),
    ),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuerySchema>;

export const SearchLocationSchema = Type.Object({
  query: Type.String(),
  label: Type.String(),
  /** A postcode sector or district, or a town located through the place index. */
  kind: Type.Union([Type.Literal('sector'), Type.Literal('district'), Type.Literal('place')]),
  latitude: Type.Number(),
  longitude: Type.Number(),
  radiusKm: Type.Number(),
});
export type SearchLocation = Static<typeof SearchLocationSchema>;

const FacetCountsSchema = Type.Record(Type.String(), Type.Integer());

export const SearchResponseSchema = Type.Object({
  items: Type.Array(ServiceSummarySchema),
  total: Type.Integer({
    description: `Matching services, counted up to ${SEARCH_LIMITS.maxTotalHits.toLocaleString('en-GB')}: a total at that figure means at least that many`,
  }),
  page: Type.Integer(),
  perPage: Type.Integer(),
  totalPages: Type.Integer(),
  sort: Type.Enum([...SEARCH_SORTS]),
  location: Type.Union([SearchLocationSchema, Type.Null()]),
  /** Set when the words in `postcode` were a town name (located through the place index, see `location`). */
  placeQuery: Type.Union([Type.String(), Type.Null()]),
  /** For each facet, the number of matching services per value (with every filter applied). */
  facets: Type.Object({
    careTypes: FacetCountsSchema,
    specialisms: FacetCountsSchema,
    fundingAccepted: FacetCountsSchema,
    cqcRating: FacetCountsSchema,
    languages: FacetCountsSchema,
  }),
});
export type SearchResponse = Static<typeof SearchResponseSchema>;

export const ServiceDetailSchema = Type.Object({
  ...ServiceSummarySchema.properties,
  description: Type.String(),
  addressLine1: Type.String(),
  addressLine2: Type.Union([Type.String(), Type.Null()]),
  specialisms: Type.Array(Type.String()),
  fundingAccepted: Type.Array(FundingTypeSchema),
  prices: Type.Array(PriceSchema),
  languages: Type.Array(Type.String()),
  areaServedKm: Type.Union([Type.Number(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  website: Type.Union([Type.String(), Type.Null()]),
  cqcLocationId: Type.Union([Type.String(), Type.Null()]),
  cqcRatingDate: Type.Union([Type.String(), Type.Null()]),
  /** The CQC's rating of each key question (Safe, Effective, Caring, Responsive, Well-led) from its latest report. */
  cqcKeyQuestions: Type.Array(
    Type.Object({
      keyQuestion: Type.String(),
      label: Type.String(),
      rating: CqcRatingSchema,
      reportDate: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  openingDetails: Type.Union([Type.String(), Type.Null()]),
  councilAccredited: Type.Boolean(),
  updatedAt: Type.String(),
  organisation: Type.Object({
    id: Type.String(),
    name: Type.String(),
    sector: Type.Union([SectorSchema, Type.Null()]),
    /** Listed by the CQC import and nobody runs it here yet: the page offers its provider "Claim it". */
    claimable: Type.Boolean(),
  }),
  /** Photos in upload order; `fileName` is served by GET /api/v1/photos/{fileName}. */
  photos: Type.Array(Type.Object({ fileName: Type.String(), altText: Type.String() })),
});
export type ServiceDetail = Static<typeof ServiceDetailSchema>;

export const UserSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  displayName: Type.String(),
  role: UserRoleSchema,
  createdAt: Type.String(),
  /** False until the person follows the link e-mailed to them: until then they cannot publish or book. */
  emailVerified: Type.Boolean(),
});
export type User = Static<typeof UserSchema>;

export const PASSWORD_MIN_LENGTH = 10;

export const RegisterBodySchema = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 200 }),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    role: Type.Optional(UserRoleSchema),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBodySchema>;

export const LoginBodySchema = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const AuthResponseSchema = Type.Object({
  accessToken: Type.String(),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
  user: UserSchema,
});
export type AuthResponse = Static<typeof AuthResponseSchema>;
