// The Open Referral UK API's rules: which filters mean what, how a postcode becomes a place, paging, and the
// 4xx for anything we cannot answer (unknown taxonomy terms, postcodes we cannot place, proximity with no place).
import {
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

/** Turns the query into a repository filter, or a 400 that names the parameter at fault. */
function serviceFilter(query: OrukServiceQuery): ServiceFilter {
  const { page, per_page } = paging(query);
  const filter: ServiceFilter = { limit: per_page, offset: (page - 1) * per_page };
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
  return {
    async listServices(query: OrukServiceQuery): Promise<OrukPage<OrukServiceSummary>> {
      const { page, per_page } = paging(query);
      const { rows, total } = await repository.listServices(serviceFilter(query));
      const contents = rows.map((row) => presentServiceSummary(row.service, row.organisation, ctx));
      return orukPageOf(contents, total, page, per_page);
    },

    async getService(id: string): Promise<OrukService> {
      const row = await repository.findPublishedService(id);
      if (!row) throw new NotFound('There is no published service with that id.');
      return presentService(row.service, row.organisation, ctx);
    },

    async listServiceAtLocations(query: OrukServiceQuery): Promise<OrukPage<OrukServiceAtLocation>> {
      const { page, per_page } = paging(query);
      const { rows, total } = await repository.listServices(serviceFilter(query));
      const contents = rows.map((row) => presentServiceAtLocation(row.service, row.organisation, ctx));
      return orukPageOf(contents, total, page, per_page);
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
