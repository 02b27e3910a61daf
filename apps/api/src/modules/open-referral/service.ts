// The Open Referral UK API's rules: which filters mean what, how a postcode becomes a place, paging, and the
// 4xx for anything we cannot answer (unknown taxonomy terms, postcodes we cannot place, proximity with no place).
import {
  ORUK_ADULT_MINIMUM_AGE,
  orukPageOf,
  type OrukOrganization,
  type OrukOrganizationSummary,
  type OrukPage,
  type OrukPagingQuery,
  type OrukService,
  type OrukServiceAtLocation,
  type OrukServiceQuery,
  type OrukServiceSummary,
  type OrukTaxonomy,
  type OrukTaxonomyTerm,
} from '@care-assist/domain';
import { locatePostcode } from '@care-assist/geo';
import { NotFound, ValidationFailed } from '../../errors.ts';
import {
  presentOrganisation,
  presentOrganisationSummary,
  presentService,
  presentServiceAtLocation,
  presentServiceSummary,
  type PresenterContext,
} from './presenters.ts';
import type { OpenReferralRepository, ServiceFilter } from './repository.ts';
import { createServiceAtLocationIndex } from './service-at-location-ids.ts';
import { TAXONOMIES, TAXONOMY_TERMS, findTaxonomyKind, findTerm } from './taxonomy.ts';

export interface OpenReferralDeps extends PresenterContext {
  repository: OpenReferralRepository;
}

type Paging = Required<OrukPagingQuery>;

function paging(query: OrukPagingQuery): Paging {
  return { page: query.page ?? 1, per_page: query.per_page ?? 50 };
}

function slice<T>(all: T[], { page, per_page }: Paging): OrukPage<T> {
  return orukPageOf(all.slice((page - 1) * per_page, page * per_page), all.length, page, per_page);
}

/**
 * Parameters of the profile we cannot answer truthfully, with the reason: a 400 that says so beats an answer
 * that silently ignores them.
 */
const UNSUPPORTED: Partial<Record<keyof OrukServiceQuery, string>> = {
  day: 'Opening times here are free text (schedules[].description), so we cannot filter by day.',
  start_time: 'Opening times here are free text (schedules[].description), so we cannot filter by time.',
  end_time: 'Opening times here are free text (schedules[].description), so we cannot filter by time.',
  minimal:
    'The minimal list is not supported: page through /services (per_page up to 100), with modified_after to fetch only changes.',
};

function refuseUnsupported(query: OrukServiceQuery) {
  for (const [field, reason] of Object.entries(UNSUPPORTED)) {
    if (query[field as keyof OrukServiceQuery] !== undefined) {
      throw new ValidationFailed(reason, [{ field, message: 'is not supported by this directory' }]);
    }
  }
  if (query.format !== undefined && query.format !== 'json') {
    throw new ValidationFailed('Only format=json is supported (the default).', [
      { field: 'format', message: 'must be json' },
    ]);
  }
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 date or date-time (Date.parse alone accepts "1" or rolls 31 February into March). */
function modifiedAfter(text: string): Date {
  const match = ISO_DATE_TIME.exec(text);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const date = new Date(text);
  if (!match || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day || Number.isNaN(date.getTime())) {
    throw new ValidationFailed(`modified_after "${text}" is not a date and time.`, [
      { field: 'modified_after', message: 'Use ISO 8601, e.g. 2026-11-01T00:00:00Z' },
    ]);
  }
  return date;
}

/** Turns the query into a repository filter, or a 400 that names the parameter at fault. */
function serviceFilter(query: OrukServiceQuery): ServiceFilter {
  refuseUnsupported(query);
  const { page, per_page } = paging(query);
  const filter: ServiceFilter = { limit: per_page, offset: (page - 1) * per_page };
  if (query.modified_after !== undefined) filter.modifiedSince = modifiedAfter(query.modified_after);
  // The profile's age filters compare with each service's own ages: every service here has a minimum age of
  // 18 and no maximum, so they either keep every service or none.
  if (query.minimum_age !== undefined && query.minimum_age > ORUK_ADULT_MINIMUM_AGE) filter.none = true;
  if (query.maximum_age !== undefined) filter.none = true;
  const text = (query.text ?? query.search)?.trim();
  if (text) filter.text = text;
  if (query.taxonomy_term_id) {
    const term = findTerm(query.taxonomy_term_id);
    if (!term) {
      throw new ValidationFailed('We have no taxonomy term with that id; /openreferral/taxonomy_terms lists them.', [
        { field: 'taxonomy_term_id', message: 'is not one of our taxonomy terms' },
      ]);
    }
    if (term.kind === 'care_type') filter.careType = term.code;
    else filter.specialism = term.code;
  }
  if (query.taxonomy_id) {
    const kind = findTaxonomyKind(query.taxonomy_id);
    if (!kind) {
      throw new ValidationFailed('We have no taxonomy with that id; /openreferral/taxonomies lists them.', [
        { field: 'taxonomy_id', message: 'is not one of our taxonomies' },
      ]);
    }
    // Every service has at least one care type, so only the specialism taxonomy narrows the list.
    if (kind === 'specialism') filter.anySpecialism = true;
  }
  if (query.organization_id) filter.organisationId = query.organization_id;
  if (query.proximity !== undefined && !query.postcode) {
    throw new ValidationFailed('proximity is a distance from a postcode: send postcode too.', [
      { field: 'proximity', message: 'needs a postcode' },
    ]);
  }
  if (query.postcode) {
    const located = locatePostcode(query.postcode);
    if (!located.ok) {
      const message =
        located.reason === 'not_a_postcode' ? 'is not a UK postcode' : 'is a postcode we cannot place on the map';
      throw new ValidationFailed(`The postcode "${query.postcode}" ${message}.`, [{ field: 'postcode', message }]);
    }
    const { latitude, longitude } = located.location;
    filter.near = {
      latitude,
      longitude,
      ...(query.proximity !== undefined ? { withinKm: query.proximity / 1000 } : {}),
    };
  }
  return filter;
}

export function createOpenReferralService({ repository, webOrigin }: OpenReferralDeps) {
  const ctx: PresenterContext = { webOrigin };
  const serviceAtLocationIds = createServiceAtLocationIndex(() => repository.publishedServiceIds());
  return {
    /** Summaries, or with `full` each service fully nested as /services/{id} gives it. */
    async listServices(query: OrukServiceQuery): Promise<OrukPage<OrukServiceSummary | OrukService>> {
      const { page, per_page } = paging(query);
      const { rows, total } = await repository.listServices(serviceFilter(query));
      const present = query.full ? presentService : presentServiceSummary;
      const contents = rows.map((row) => present(row.service, row.organisation, ctx));
      return orukPageOf(contents, total, page, per_page);
    },

    async getService(id: string): Promise<OrukService> {
      const row = await repository.findPublishedService(id);
      if (!row) throw new NotFound('There is no published service with that id.');
      return presentService(row.service, row.organisation, ctx);
    },

    async listServiceAtLocations(query: OrukServiceQuery): Promise<OrukPage<OrukServiceAtLocation>> {
      if (query.full !== undefined) {
        throw new ValidationFailed(
          'full is for /services; each service_at_location here already nests its location, address and service.',
          [{ field: 'full', message: 'is not supported on service_at_locations' }],
        );
      }
      const { page, per_page } = paging(query);
      const { rows, total } = await repository.listServices(serviceFilter(query));
      const contents = rows.map((row) => presentServiceAtLocation(row.service, row.organisation, ctx));
      return orukPageOf(contents, total, page, per_page);
    },

    async getServiceAtLocation(id: string): Promise<OrukServiceAtLocation> {
      const serviceId = await serviceAtLocationIds.serviceFor(id);
      const row = serviceId ? await repository.findPublishedService(serviceId) : undefined;
      if (!row) throw new NotFound('There is no service at a location with that id.');
      return presentServiceAtLocation(row.service, row.organisation, ctx);
    },

    async listOrganisations(query: OrukPagingQuery): Promise<OrukPage<OrukOrganizationSummary>> {
      const { page, per_page } = paging(query);
      const { rows, total } = await repository.listOrganisations({ limit: per_page, offset: (page - 1) * per_page });
      return orukPageOf(rows.map(presentOrganisationSummary), total, page, per_page);
    },

    async getOrganisation(id: string): Promise<OrukOrganization> {
      const found = await repository.findOrganisation(id);
      if (!found) throw new NotFound('There is no organisation with published services with that id.');
      return presentOrganisation(found.organisation, found.services, ctx);
    },

    listTaxonomies(query: OrukPagingQuery): OrukPage<OrukTaxonomy> {
      return slice(Object.values(TAXONOMIES), paging(query));
    },

    getTaxonomy(id: string): OrukTaxonomy {
      const kind = findTaxonomyKind(id);
      if (!kind) throw new NotFound('There is no taxonomy with that id.');
      return TAXONOMIES[kind];
    },

    listTaxonomyTerms(query: OrukPagingQuery): OrukPage<OrukTaxonomyTerm> {
      return slice(TAXONOMY_TERMS, paging(query));
    },

    getTaxonomyTerm(id: string): OrukTaxonomyTerm {
      const term = TAXONOMY_TERMS.find((t) => t.id === id);
      if (!term) throw new NotFound('There is no taxonomy term with that id.');
      return term;
    },
  };
}
export type OpenReferralService = ReturnType<typeof createOpenReferralService>;
