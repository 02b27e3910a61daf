// The HTTP contract of our Open Referral UK (HSDS 3.0 UK profile) API under /openreferral/.
// Field names and shapes follow the profile's JSON schemas (apps/api/test/fixtures/oruk-3.0-uk/, CC BY-SA 4.0);
// the tests validate every response against those files. Only fields we fill are declared here, because the
// response serialiser leaves out anything a schema does not name.
import { Type, type Static, type TSchema } from 'typebox';

export const ORUK_VERSION = '3.0';
export const ORUK_PROFILE_URL = 'https://github.com/OpenReferralUK/uk-profile';
export const ORUK_DEFAULT_PER_PAGE = 50;
export const ORUK_MAX_PER_PAGE = 100;
/** 200 km: wider than any council's area; a bigger circle is almost certainly a mistake in metres vs km. */
export const ORUK_MAX_PROXIMITY_METRES = 200_000;
/** Every service in the directory is adult social care: for people aged 18 and over, with no upper age. */
export const ORUK_ADULT_MINIMUM_AGE = 18;

const Uuid = Type.String({ format: 'uuid' });
const SearchText = Type.String({ minLength: 1, maxLength: 200 });

const Paging = {
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: 'Page number, from 1.' }),
  per_page: Type.Integer({
    minimum: 1,
    maximum: ORUK_MAX_PER_PAGE,
    default: ORUK_DEFAULT_PER_PAGE,
    description: `Results per page, at most ${ORUK_MAX_PER_PAGE}.`,
  }),
};

export const OrukPagingQuerySchema = Type.Object(Paging, { additionalProperties: false });
export type OrukPagingQuery = Static<typeof OrukPagingQuerySchema>;

export const OrukServiceQuerySchema = Type.Object(
  {
    text: Type.Optional({ ...SearchText, description: 'Words to find in the name, description, town or provider.' }),
    search: Type.Optional({ ...SearchText, description: 'The profile’s name for `text` (full text search).' }),
    taxonomy_term_id: Type.Optional({ ...Uuid, description: 'Only services with this taxonomy term.' }),
    taxonomy_id: Type.Optional({ ...Uuid, description: 'Only services with any term of this taxonomy.' }),
    organization_id: Type.Optional({ ...Uuid, description: 'Only services of this organisation.' }),
    postcode: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 10,
        description: 'A UK postcode, sector or district; results are ordered nearest first.',
      }),
    ),
    proximity: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: ORUK_MAX_PROXIMITY_METRES,
        description: 'Metres from the postcode’s centre; needs `postcode`.',
      }),
    ),
    modified_after: Type.Optional(
      Type.String({
        maxLength: 40,
        description: 'Only services changed at or after this time (ISO 8601, e.g. 2026-11-01T00:00:00Z).',
      }),
    ),
    minimum_age: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 150,
        description: `Only services whose minimum age is at least this. Every service here is adult social care with a minimum age of ${ORUK_ADULT_MINIMUM_AGE}, so above ${ORUK_ADULT_MINIMUM_AGE} nothing matches.`,
      }),
    ),
    maximum_age: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 150,
        description:
          'Only services whose maximum age is at most this. No service here has an upper age, so nothing matches.',
      }),
    ),
    full: Type.Optional(Type.Boolean({ description: 'true: each service fully nested, as /services/{id} gives it.' })),
    format: Type.Optional(Type.String({ maxLength: 20, description: 'Only `json` (the default).' })),
    // Declared so that they are refused with a reason (400) rather than as unknown; see the Open Referral service.
    minimal: Type.Optional(Type.String({ maxLength: 20, description: 'Not supported (400).' })),
    day: Type.Optional(
      Type.String({ maxLength: 20, description: 'Not supported (400): opening times are free text.' }),
    ),
    start_time: Type.Optional(
      Type.String({ maxLength: 20, description: 'Not supported (400): opening times are free text.' }),
    ),
    end_time: Type.Optional(
      Type.String({ maxLength: 20, description: 'Not supported (400): opening times are free text.' }),
    ),
    ...Paging,
  },
  { additionalProperties: false },
);
export type OrukServiceQuery = Static<typeof OrukServiceQuerySchema>;

export const OrukIdParamsSchema = Type.Object({ id: Uuid });

/** The profile's paging envelope (openapi.json components.schemas.Page) around `contents`. */
export function orukPage<T extends TSchema>(item: T) {
  return Type.Object({
    total_items: Type.Integer(),
    total_pages: Type.Integer(),
    page_number: Type.Integer(),
    size: Type.Integer(),
    first_page: Type.Boolean(),
    last_page: Type.Boolean(),
    empty: Type.Boolean(),
    contents: Type.Array(item),
  });
}

export const OrukMetaSchema = Type.Object({
  version: Type.String(),
  profile: Type.String({ format: 'uri' }),
  openapi_url: Type.String({ format: 'uri' }),
});
export type OrukMeta = Static<typeof OrukMetaSchema>;

export const OrukTaxonomySchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  version: Type.Optional(Type.String()),
});
export type OrukTaxonomy = Static<typeof OrukTaxonomySchema>;

export const OrukTaxonomyTermSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  taxonomy: Type.String(),
  taxonomy_id: Uuid,
  /** Our stable code for the term, e.g. `home_care`. */
  term: Type.String(),
});
export type OrukTaxonomyTerm = Static<typeof OrukTaxonomyTermSchema>;

export const OrukAttributeSchema = Type.Object({
  id: Uuid,
  link_id: Uuid,
  link_type: Type.String(),
  taxonomy_term_id: Uuid,
  taxonomy_term: OrukTaxonomyTermSchema,
});
export type OrukAttribute = Static<typeof OrukAttributeSchema>;

export const OrukOrganizationIdentifierSchema = Type.Object({
  id: Uuid,
  organization_id: Uuid,
  identifier_scheme: Type.String(),
  identifier_type: Type.String(),
  identifier: Type.String(),
});

export const OrukOrganizationSummarySchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  website: Type.Optional(Type.String({ format: 'uri' })),
  uri: Type.Optional(Type.String({ format: 'uri' })),
});
export type OrukOrganizationSummary = Static<typeof OrukOrganizationSummarySchema>;

export const OrukAddressSchema = Type.Object({
  id: Uuid,
  location_id: Uuid,
  address_1: Type.String(),
  city: Type.String(),
  state_province: Type.String(),
  postal_code: Type.String(),
  country: Type.String(),
  address_type: Type.Literal('physical'),
});

export const OrukLocationSchema = Type.Object({
  id: Uuid,
  location_type: Type.Literal('physical'),
  name: Type.String(),
  latitude: Type.Number(),
  longitude: Type.Number(),
  external_identifier: Type.Optional(Type.String()),
  external_identifier_type: Type.Optional(Type.String()),
  addresses: Type.Optional(Type.Array(OrukAddressSchema)),
});
export type OrukLocation = Static<typeof OrukLocationSchema>;

const serviceSummaryFields = {
  id: Uuid,
  organization_id: Uuid,
  name: Type.String(),
  description: Type.String(),
  url: Type.Optional(Type.String({ format: 'uri' })),
  email: Type.Optional(Type.String()),
  status: Type.Literal('active'),
  fees: Type.Optional(Type.String()),
  accreditations: Type.Optional(Type.String()),
  minimum_age: Type.Optional(Type.Number()),
  last_modified: Type.String({ format: 'date-time' }),
  organization: OrukOrganizationSummarySchema,
};
export const OrukServiceSummarySchema = Type.Object(serviceSummaryFields);
export type OrukServiceSummary = Static<typeof OrukServiceSummarySchema>;

export const OrukServiceAtLocationSchema = Type.Object({
  id: Uuid,
  service_id: Uuid,
  location_id: Uuid,
  location: OrukLocationSchema,
  /** Present in lists of service_at_locations; left out inside a service (it would repeat the service). */
  service: Type.Optional(OrukServiceSummarySchema),
});
export type OrukServiceAtLocation = Static<typeof OrukServiceAtLocationSchema>;

const serviceIdFields = { id: Uuid, service_id: Uuid };

export const OrukServiceSchema = Type.Object({
  ...serviceSummaryFields,
  schedules: Type.Array(Type.Object({ ...serviceIdFields, description: Type.String() })),
  service_areas: Type.Array(Type.Object({ ...serviceIdFields, name: Type.String(), service_area: Type.String() })),
  service_at_locations: Type.Array(OrukServiceAtLocationSchema),
  // `name` is HSDS 3.0's language name; the UK profile's language object lists only ids.
  languages: Type.Array(Type.Object({ ...serviceIdFields, name: Type.String() })),
  funding: Type.Array(Type.Object({ ...serviceIdFields, source: Type.String() })),
  cost_options: Type.Array(
    Type.Object({
      ...serviceIdFields,
      option: Type.String(),
      amount: Type.Number(),
      amount_description: Type.String(),
      currency: Type.String(),
    }),
  ),
  // `email` and `phones` are HSDS 3.0's contact fields; each phone is validated against the profile's phone.json.
  contacts: Type.Array(
    Type.Object({
      ...serviceIdFields,
      name: Type.String(),
      email: Type.Optional(Type.String()),
      phones: Type.Array(
        Type.Object({ id: Uuid, contact_id: Uuid, number: Type.String(), description: Type.String() }),
      ),
    }),
  ),
  attributes: Type.Array(OrukAttributeSchema),
});
export type OrukService = Static<typeof OrukServiceSchema>;

export const OrukOrganizationSchema = Type.Object({
  ...OrukOrganizationSummarySchema.properties,
  organization_identifiers: Type.Array(OrukOrganizationIdentifierSchema),
  services: Type.Array(OrukServiceSummarySchema),
});
export type OrukOrganization = Static<typeof OrukOrganizationSchema>;

export interface OrukPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** The envelope for one page of `total` items; an empty result is page 1 of 1. */
export function orukPageOf<T>(contents: T[], total: number, page: number, perPage: number): OrukPage<T> {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
