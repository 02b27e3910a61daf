// The public directory as an Open Referral UK (HSDS 3.0 UK profile) API. No sign-in; published services only.
// The web app passes /openreferral/* through from its own origin, so the same URLs work there.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ORUK_PROFILE_URL,
  ORUK_VERSION,
  OrukIdParamsSchema,
  OrukMetaSchema,
  OrukOrganizationSchema,
  OrukOrganizationSummarySchema,
  OrukPagingQuerySchema,
  OrukServiceAtLocationSchema,
  OrukServiceQuerySchema,
  OrukServiceSchema,
  OrukServiceSummarySchema,
  OrukTaxonomySchema,
  OrukTaxonomyTermSchema,
  ProblemSchema,
  orukPage,
} from '@care-assist/domain';
import type { Config } from '../../config.ts';
import { publicDataCaching, publicDataRateLimit } from '../public-data.ts';

const tags = ['open referral'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 429: ProblemSchema };

const routes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  await publicDataCaching(app);
  const limit = publicDataRateLimit(config);
  const openReferral = () => app.modules.openReferral;

  app.get(
    '/',
    {
      config: limit,
      schema: {
        operationId: 'getOpenReferralMeta',
        tags,
        summary: 'The HSDS version and Open Referral UK profile this API follows',
        response: { 200: OrukMetaSchema, 429: ProblemSchema },
      },
    },
    async () => ({
      version: ORUK_VERSION,
      profile: ORUK_PROFILE_URL,
      openapi_url: `${config.webOrigin}/openreferral/openapi.json`,
    }),
  );

  app.get(
    '/openapi.json',
    {
      config: limit,
      schema: {
        operationId: 'getOpenReferralOpenApi',
        tags,
        summary: 'The part of our OpenAPI document that describes /openreferral/',
        hide: true,
      },
    },
    async () => {
      const document = app.swagger() as { paths?: Record<string, unknown> };
      const paths = Object.fromEntries(
        Object.entries(document.paths ?? {}).filter(([path]) => path.startsWith('/openreferral')),
      );
      return { ...document, paths };
    },
  );

  app.get(
    '/services',
    {
      config: limit,
      schema: {
        operationId: 'listOpenReferralServices',
        tags,
        summary: 'Published services, a page at a time; by words, taxonomy term, or distance from a postcode',
        description:
          'With `full=true` each service is fully nested, as `/services/{id}` gives it. `modified_after`, ' +
          '`minimum_age` and `maximum_age` filter; `day`, `start_time`, `end_time` and `minimal` are refused ' +
          'with a 400 that says why (opening times are free text here).',
        querystring: OrukServiceQuerySchema,
        // The full shape first: a summary lacks its required arrays, so the serialiser falls back to it.
        response: { 200: orukPage(Type.Union([OrukServiceSchema, OrukServiceSummarySchema])), ...errors },
      },
    },
    async (request) => openReferral().listServices(request.query),
  );

  app.get(
    '/services/:id',
    {
      config: limit,
      schema: {
        operationId: 'getOpenReferralService',
        tags,
        summary: 'One published service with its locations, prices, funding, languages, contacts and terms',
        params: OrukIdParamsSchema,
        response: { 200: OrukServiceSchema, ...errors },
      },
    },
    async (request) => openReferral().getService(request.params.id),
  );

  app.get(
    '/service_at_locations',
    {
      config: limit,
      schema: {
        operationId: 'listOpenReferralServiceAtLocations',
        tags,
        summary: 'Where each published service is, with the same filters as /services',
        querystring: OrukServiceQuerySchema,
        response: { 200: orukPage(OrukServiceAtLocationSchema), ...errors },
      },
    },
    async (request) => openReferral().listServiceAtLocations(request.query),
  );

  app.get(
    '/service_at_locations/:id',
    {
      config: limit,
      schema: {
        operationId: 'getOpenReferralServiceAtLocation',
        tags,
        summary: 'One published service at its location, with the service summary',
        params: OrukIdParamsSchema,
        response: { 200: OrukServiceAtLocationSchema, ...errors },
      },
    },
    async (request) => openReferral().getServiceAtLocation(request.params.id),
  );

  app.get(
    '/organizations',
    {
      config: limit,
      schema: {
        operationId: 'listOpenReferralOrganizations',
        tags,
        summary: 'Organisations with at least one published service',
        querystring: OrukPagingQuerySchema,
        response: { 200: orukPage(OrukOrganizationSummarySchema), ...errors },
      },
    },
    async (request) => openReferral().listOrganisations(request.query),
  );

  app.get(
    '/organizations/:id',
    {
      config: limit,
      schema: {
        operationId: 'getOpenReferralOrganization',
        tags,
        summary: 'One organisation with its identifiers and published services',
        params: OrukIdParamsSchema,
        response: { 200: OrukOrganizationSchema, ...errors },
      },
    },
    async (request) => openReferral().getOrganisation(request.params.id),
  );

  app.get(
    '/taxonomies',
    {
      config: limit,
      schema: {
        operationId: 'listOpenReferralTaxonomies',
        tags,
        summary: 'Our two taxonomies: care types and specialisms',
        querystring: OrukPagingQuerySchema,
        response: { 200: orukPage(OrukTaxonomySchema), ...errors },
      },
    },
    async (request) => openReferral().listTaxonomies(request.query),
  );

  app.get(
    '/taxonomies/:id',
    {
      config: limit,
      schema: {
        operationId: 'getOpenReferralTaxonomy',
        tags,
        params: OrukIdParamsSchema,
        response: { 200: OrukTaxonomySchema, ...errors },
      },
    },
    async (request) => openReferral().getTaxonomy(request.params.id),
  );

  app.get(
    '/taxonomy_terms',
    {
      config: limit,
      schema: {
        operationId: 'listOpenReferralTaxonomyTerms',
        tags,
        summary: 'Every care type and specialism as a taxonomy term',
        querystring: OrukPagingQuerySchema,
        response: { 200: orukPage(OrukTaxonomyTermSchema), ...errors },
      },
    },
    async (request) => openReferral().listTaxonomyTerms(request.query),
  );

  app.get(
    '/taxonomy_terms/:id',
    {
      config: limit,
      schema: {
        operationId: 'getOpenReferralTaxonomyTerm',
        tags,
        params: OrukIdParamsSchema,
        response: { 200: OrukTaxonomyTermSchema, ...errors },
      },
    },
    async (request) => openReferral().getTaxonomyTerm(request.params.id),
  );
};
export default routes;
