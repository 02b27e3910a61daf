// The Open Referral UK API over a fixture whose answers we know: every response is validated against the
// profile's own JSON schemas, and the mapping, filters, paging, caching, rate limit and bad input are checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineKm, type OrukPage, type OrukService, type OrukTaxonomyTerm } from '@care-assist/domain';
import { sql } from 'drizzle-orm';
import { sectorCentroids } from '@care-assist/geo';
import { derivedId } from '../src/modules/open-referral/ids.ts';
import { makeOrganisation, makeService } from './helpers/factories.ts';
import { expectValid, orukSchemas } from './helpers/oruk-schemas.ts';
import { buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
const ids: Record<string, string> = {};

const at = (sector: string) => {
  const c = sectorCentroids().get(sector);
  if (!c) throw new Error(`no sector ${sector}`);
  return { latitude: c.latitude, longitude: c.longitude };
};

async function get(url: string, headers: Record<string, string> = {}) {
  return ctx.app.inject({ method: 'GET', url, headers });
}

async function getJson<T>(url: string): Promise<T> {
  const response = await get(url);
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json<T>();
}

beforeAll(async () => {
  ctx = await buildTestApp({ LOG_LEVEL: process.env.DBG_LOG ?? 'silent' });
  const db = ctx.database.handle.db;
  const chelmer = await makeOrganisation(db, {
    name: 'Chelmer Valley Care',
    sector: 'voluntary_community',
    cqcProviderId: '1-1010101010',
    charityNumber: '1100001',
    // The organisation's own contact details: often one person's; they must not leave through open data.
    contactEmail: 'jo.bloggs@personal.example',
    contactPhone: '07700 900123',
    website: 'https://chelmer-valley.example',
  });
  ids.chelmer = chelmer.id;
  const moulsham = await makeService(db, {
    organisationId: chelmer.id,
    name: 'Moulsham Home Care',
    slug: 'moulsham-home-care',
    summary: 'Personal care at home in Moulsham.',
    description: 'Visits from 30 minutes, seven days a week.',
    careTypes: ['home_care'],
    specialisms: ['dementia', 'older_people'],
    languages: ['English', 'Polish'],
    postcode: 'CM2 0AA',
    town: 'Chelmsford',
    ...at('CM2 0'),
    areaServedKm: 12,
    pricePerHourPence: 2850,
    pricePerVisitPence: 1900,
    fundingAccepted: ['self_funded', 'personal_budget'],
    phone: '01632 960001',
    email: 'hello@moulsham.example',
    website: 'https://moulsham.example/',
    openingDetails: 'Monday to Friday, 8am to 6pm',
    cqcLocationId: '1-2020202020',
    cqcRating: 'good',
    cqcRatingDate: '2025-03-01',
    councilAccredited: true,
  });
  ids.moulsham = moulsham.id;
  const willows = await makeService(db, {
    organisationId: chelmer.id,
    name: 'The Willows Care Home',
    slug: 'the-willows-care-home',
    careTypes: ['care_home'],
    specialisms: [],
    postcode: 'CM1 1AB',
    ...at('CM1 1'),
    pricePerHourPence: null,
    pricePerWeekPence: 125_000,
  });
  ids.willows = willows.id;
  const colne = await makeService(db, {
    organisationId: chelmer.id,
    name: 'Colne Home Care',
    slug: 'colne-home-care',
    town: 'Colchester',
    postcode: 'CO1 1AA',
    ...at('CO1 1'),
  });
  ids.colne = colne.id;
  const draft = await makeService(db, {
    organisationId: chelmer.id,
    name: 'Secret Draft Service',
    slug: 'secret-draft-service',
    postcode: 'CM1 1AA',
    ...at('CM1 1'),
    status: 'draft',
  });
  ids.draft = draft.id;
  const hidden = await makeOrganisation(db, { name: 'Only Drafts Ltd' });
  ids.hidden = hidden.id;
  await makeService(db, { organisationId: hidden.id, name: 'Unpublished Care', status: 'pending' });
});

afterAll(async () => {
  await ctx?.close();
});

describe('GET /openreferral/', () => {
  it('names the HSDS version and the UK profile', async () => {
    const meta = await getJson<{ version: string; profile: string; openapi_url: string }>('/openreferral/');
    expectValid(orukSchemas.meta, meta);
    expect(meta.version).toBe('3.0');
    expect(meta.openapi_url).toBe(`${ctx.config.webOrigin}/openreferral/openapi.json`);
    const document = await getJson<{ paths: Record<string, unknown> }>('/openreferral/openapi.json');
    expect(Object.keys(document.paths)).toContain('/openreferral/services');
    expect(Object.keys(document.paths).every((p) => p.startsWith('/openreferral'))).toBe(true);
  });
});

describe('GET /openreferral/services', () => {
  it('lists published services only, in the profile’s paging envelope', async () => {
    const page = await getJson<OrukPage<{ id: string; name: string }>>('/openreferral/services');
    expectValid(orukSchemas.servicePage, page);
    expect(page.contents.map((s) => s.name)).toEqual([
      'Colne Home Care',
      'Moulsham Home Care',
      'The Willows Care Home',
    ]);
    expect(page).toMatchObject({
      total_items: 3,
      total_pages: 1,
      page_number: 1,
      size: 3,
      first_page: true,
      last_page: true,
      empty: false,
    });
  });

  it('pages with page and per_page', async () => {
    const second = await getJson<OrukPage<{ name: string }>>('/openreferral/services?per_page=2&page=2');
    expectValid(orukSchemas.servicePage, second);
    expect(second).toMatchObject({ total_items: 3, total_pages: 2, page_number: 2, size: 1, first_page: false });
    expect(second.last_page).toBe(true);
    expect(second.contents.map((s) => s.name)).toEqual(['The Willows Care Home']);
    const beyond = await getJson<OrukPage<unknown>>('/openreferral/services?per_page=2&page=5');
    expectValid(orukSchemas.servicePage, beyond);
    expect(beyond).toMatchObject({ empty: true, size: 0, total_items: 3, last_page: true });
  });

  it('finds words with text (and the profile’s own name for it, search)', async () => {
    for (const param of ['text', 'search']) {
      const page = await getJson<OrukPage<{ name: string }>>(`/openreferral/services?${param}=moulsham`);
      expectValid(orukSchemas.servicePage, page);
      expect(page.contents.map((s) => s.name)).toEqual(['Moulsham Home Care']);
    }
    // Words are matched literally: a % is not a wildcard.
    const none = await getJson<OrukPage<unknown>>('/openreferral/services?text=%25');
    expect(none.total_items).toBe(0);
  });

  it('filters by taxonomy term and by taxonomy', async () => {
    const terms = await getJson<OrukPage<OrukTaxonomyTerm>>('/openreferral/taxonomy_terms?per_page=100');
    const careHome = terms.contents.find((t) => t.term === 'care_home')!;
    const dementia = terms.contents.find((t) => t.term === 'dementia')!;
    const byCareHome = await getJson<OrukPage<{ name: string }>>(
      `/openreferral/services?taxonomy_term_id=${careHome.id}`,
    );
    expectValid(orukSchemas.servicePage, byCareHome);
    expect(byCareHome.contents.map((s) => s.name)).toEqual(['The Willows Care Home']);
    const byDementia = await getJson<OrukPage<{ name: string }>>(
      `/openreferral/services?taxonomy_term_id=${dementia.id}`,
    );
    expect(byDementia.contents.map((s) => s.name)).toEqual(['Moulsham Home Care']);
    const anySpecialism = await getJson<OrukPage<{ name: string }>>(
      `/openreferral/services?taxonomy_id=${dementia.taxonomy_id}`,
    );
    expect(anySpecialism.contents.map((s) => s.name)).toEqual(['Moulsham Home Care']);
  });

  it('orders by distance from a postcode and keeps those within proximity metres', async () => {
    const page = await getJson<OrukPage<{ name: string }>>('/openreferral/services?postcode=CM1%201AA&proximity=10000');
    expectValid(orukSchemas.servicePage, page);
    // CM1 1AA is placed at its sector's centre, CM1 1: The Willows is there, Moulsham (CM2 0) a couple of km
    // away, Colchester (CO1 1) about 35 km away.
    const centre = at('CM1 1');
    const km = (sector: string) =>
      haversineKm(
        { lat: centre.latitude, lng: centre.longitude },
        { lat: at(sector).latitude, lng: at(sector).longitude },
      );
    expect(km('CM2 0')).toBeLessThan(10);
    expect(km('CO1 1')).toBeGreaterThan(10);
    expect(page.contents.map((s) => s.name)).toEqual(['The Willows Care Home', 'Moulsham Home Care']);
    const everywhere = await getJson<OrukPage<{ name: string }>>('/openreferral/services?postcode=CM1');
    expect(everywhere.contents.map((s) => s.name)).toEqual([
      'The Willows Care Home',
      'Moulsham Home Care',
      'Colne Home Care',
    ]);
  });
});

describe('the profile’s other /services parameters', () => {
  it('full=true nests each service as /services/{id} does', async () => {
    const page = await getJson<OrukPage<OrukService>>('/openreferral/services?full=true&text=moulsham');
    expectValid(orukSchemas.fullServicePage, page);
    expect(page.contents[0]).toEqual(await getJson<OrukService>(`/openreferral/services/${ids.moulsham}`));
    const summaries = await getJson<OrukPage<Record<string, unknown>>>('/openreferral/services?full=false');
    expectValid(orukSchemas.servicePage, summaries);
    expect(summaries.contents[0]).not.toHaveProperty('cost_options');
  });

  it('modified_after keeps services changed at or after that time', async () => {
    const db = ctx.database.handle.db;
    await db.execute(sql`update services set updated_at = '2026-01-10T12:00:00Z' where id = ${ids.colne}`);
    await db.execute(sql`update services set updated_at = '2025-06-01T00:00:00Z' where id <> ${ids.colne}`);
    const page = await getJson<OrukPage<{ id: string }>>('/openreferral/services?modified_after=2026-01-10T12:00:00Z');
    expectValid(orukSchemas.servicePage, page);
    expect(page.contents.map((s) => s.id)).toEqual([ids.colne]);
    const byDay = await getJson<OrukPage<{ id: string }>>(
      '/openreferral/service_at_locations?modified_after=2025-01-01',
    );
    expect(byDay.total_items).toBe(3);
  });

  it('minimum_age and maximum_age compare with each service’s ages (adult care: 18 and over, no upper age)', async () => {
    const adults = await getJson<OrukPage<{ minimum_age: number }>>('/openreferral/services?minimum_age=18');
    expectValid(orukSchemas.servicePage, adults);
    expect(adults.total_items).toBe(3);
    expect(adults.contents.every((s) => s.minimum_age === 18)).toBe(true);
    expect((await getJson<OrukPage<unknown>>('/openreferral/services?minimum_age=65')).total_items).toBe(0);
    expect((await getJson<OrukPage<unknown>>('/openreferral/services?maximum_age=99')).total_items).toBe(0);
  });
});

describe('GET /openreferral/service_at_locations/{id}', () => {
  it('gives one service at its location, validating against the profile', async () => {
    const page = await getJson<OrukPage<{ id: string }>>('/openreferral/service_at_locations?text=willows');
    const one = await getJson<{ id: string; service_id: string }>(
      `/openreferral/service_at_locations/${page.contents[0]!.id}`,
    );
    expectValid(orukSchemas.serviceAtLocation, one);
    expect(one).toEqual(page.contents[0]);
    expect(one.service_id).toBe(ids.willows);
  });

  it('404s for an unknown id and for a service that is not published', async () => {
    expectProblem(await get('/openreferral/service_at_locations/00000000-0000-4000-8000-000000000000'), 404);
    // The id a draft service would have is not answered either.
    const draftAtLocation = derivedId('service_at_location', ids.draft!);
    expectProblem(await get(`/openreferral/service_at_locations/${draftAtLocation}`), 404);
  });
});

describe('GET /openreferral/services/{id}', () => {
  it('gives the whole service, matching the profile and our data', async () => {
    const service = await getJson<OrukService>(`/openreferral/services/${ids.moulsham}`);
    expectValid(orukSchemas.service, service);
    for (const contact of service.contacts) for (const phone of contact.phones) expectValid(orukSchemas.phone, phone);
    expect(service).toMatchObject({
      id: ids.moulsham,
      organization_id: ids.chelmer,
      name: 'Moulsham Home Care',
      description: 'Personal care at home in Moulsham.\n\nVisits from 30 minutes, seven days a week.',
      url: 'https://moulsham.example/',
      email: 'hello@moulsham.example',
      status: 'active',
      fees: '£28.50 per hour; £19.00 per visit',
    });
    expect(service.accreditations).toContain('Good');
    expect(service.accreditations).toContain('Accredited by the council');
    expect(service.cost_options.map((c) => [c.option, c.amount, c.currency])).toEqual([
      ['Charged per hour', 28.5, 'GBP'],
      ['Charged per visit', 19, 'GBP'],
    ]);
    expect(service.funding.map((f) => f.source)).toEqual(['Self-funded', 'Personal budget or direct payment']);
    expect(service.languages.map((l) => l.name)).toEqual(['English', 'Polish']);
    expect(service.schedules.map((s) => s.description)).toEqual(['Monday to Friday, 8am to 6pm']);
    expect(service.service_areas[0]?.service_area).toBe('Within 12 km of CM2 0AA, Chelmsford, Essex');
    expect(service.contacts[0]?.phones.map((p) => p.number)).toEqual(['01632 960001']);
    expect(service.attributes.map((a) => a.taxonomy_term.term)).toEqual(['home_care', 'dementia', 'older_people']);
    const location = service.service_at_locations[0]!.location;
    expect(location).toMatchObject({ location_type: 'physical', external_identifier: '1-2020202020' });
    expect(location.addresses?.[0]).toMatchObject({ postal_code: 'CM2 0AA', city: 'Chelmsford', country: 'GB' });
    // Ids of derived objects are stable between requests.
    const again = await getJson<OrukService>(`/openreferral/services/${ids.moulsham}`);
    expect(again.cost_options.map((c) => c.id)).toEqual(service.cost_options.map((c) => c.id));
  });

  it('404s for a service that is not published, and for one that does not exist', async () => {
    expectProblem(await get(`/openreferral/services/${ids.draft}`), 404);
    expectProblem(await get('/openreferral/services/00000000-0000-4000-8000-000000000000'), 404);
  });
});

describe('GET /openreferral/service_at_locations', () => {
  it('answers by postcode and proximity, validating against the profile', async () => {
    const page = await getJson<OrukPage<{ service_id: string; location: { latitude: number; longitude: number } }>>(
      '/openreferral/service_at_locations?postcode=CM1%201AA&proximity=10000',
    );
    expectValid(orukSchemas.serviceAtLocationPage, page);
    expect(page.contents.map((s) => s.service_id)).toEqual([ids.willows, ids.moulsham]);
    const centre = at('CM1 1');
    for (const { location } of page.contents) {
      expect(
        haversineKm(
          { lat: centre.latitude, lng: centre.longitude },
          { lat: location.latitude, lng: location.longitude },
        ),
      ).toBeLessThanOrEqual(10);
    }
  });

  it('lists every published service’s location without filters', async () => {
    const page = await getJson<OrukPage<{ service_id: string }>>('/openreferral/service_at_locations');
    expectValid(orukSchemas.serviceAtLocationPage, page);
    expect(page.total_items).toBe(3);
  });
});

describe('organisations', () => {
  it('lists only organisations with a published service, and leaves out their contact people', async () => {
    const page = await getJson<OrukPage<{ id: string }>>('/openreferral/organizations');
    expectValid(orukSchemas.organizationPage, page);
    expect(page.contents.map((o) => o.id)).toEqual([ids.chelmer]);
    const response = await get(`/openreferral/organizations/${ids.chelmer}`);
    expect(response.statusCode).toBe(200);
    const organisation = response.json<{
      services: { id: string }[];
      organization_identifiers: { identifier: string }[];
    }>();
    expectValid(orukSchemas.organization, organisation);
    expect(organisation.services.map((s) => s.id).sort()).toEqual([ids.colne, ids.moulsham, ids.willows].sort());
    expect(organisation.organization_identifiers.map((i) => i.identifier)).toEqual(['1-1010101010', '1100001']);
    expect(response.body).not.toContain('jo.bloggs');
    expect(response.body).not.toContain('07700 900123');
    expectProblem(await get(`/openreferral/organizations/${ids.hidden}`), 404);
  });
});

describe('taxonomies', () => {
  it('lists our care types and specialisms as taxonomies and terms', async () => {
    const taxonomies = await getJson<OrukPage<{ id: string; name: string }>>('/openreferral/taxonomies');
    expectValid(orukSchemas.taxonomyPage, taxonomies);
    expect(taxonomies.contents.map((t) => t.name)).toEqual(['Care Assist care types', 'Care Assist specialisms']);
    const one = await getJson(`/openreferral/taxonomies/${taxonomies.contents[0]!.id}`);
    expectValid(orukSchemas.taxonomy, one);
    const terms = await getJson<OrukPage<OrukTaxonomyTerm>>('/openreferral/taxonomy_terms?per_page=5&page=3');
    expectValid(orukSchemas.taxonomyTermPage, terms);
    expect(terms).toMatchObject({ total_items: 20, total_pages: 4, page_number: 3, size: 5 });
    const term = await getJson(`/openreferral/taxonomy_terms/${terms.contents[0]!.id}`);
    expectValid(orukSchemas.taxonomyTerm, term);
    expectProblem(await get('/openreferral/taxonomy_terms/00000000-0000-4000-8000-000000000000'), 404);
  });
});

describe('bad input is a 400 problem, never a 5xx', () => {
  it.each([
    ['page size over the limit', '/openreferral/services?per_page=101', 'per_page'],
    ['page size zero', '/openreferral/service_at_locations?per_page=0', 'per_page'],
    ['page not a number', '/openreferral/services?page=two', 'page'],
    ['page zero', '/openreferral/organizations?page=0', 'page'],
    ['unknown parameter', '/openreferral/services?colour=blue', 'colour'],
    ['taxonomy term not a uuid', '/openreferral/services?taxonomy_term_id=home_care', 'taxonomy_term_id'],
    [
      'unknown taxonomy term',
      '/openreferral/services?taxonomy_term_id=00000000-0000-4000-8000-000000000000',
      'taxonomy_term_id',
    ],
    ['unknown taxonomy', '/openreferral/services?taxonomy_id=00000000-0000-4000-8000-000000000000', 'taxonomy_id'],
    ['not a postcode', '/openreferral/service_at_locations?postcode=hello&proximity=1000', 'postcode'],
    ['a postcode we cannot place', '/openreferral/service_at_locations?postcode=ZZ9%209ZZ', 'postcode'],
    ['negative proximity', '/openreferral/service_at_locations?postcode=CM1%201AA&proximity=-5', 'proximity'],
    ['proximity not a number', '/openreferral/services?postcode=CM1%201AA&proximity=far', 'proximity'],
    ['proximity without a postcode', '/openreferral/services?proximity=1000', 'proximity'],
    ['page size over the limit on terms', '/openreferral/taxonomy_terms?per_page=1000', 'per_page'],
    ['day (opening times are free text)', '/openreferral/services?day=monday', 'day'],
    ['start_time', '/openreferral/services?start_time=09:00', 'start_time'],
    ['end_time', '/openreferral/service_at_locations?end_time=17:00', 'end_time'],
    ['minimal', '/openreferral/services?minimal=true', 'minimal'],
    ['format other than json', '/openreferral/services?format=ndjson', 'format'],
    ['full on service_at_locations', '/openreferral/service_at_locations?full=true', 'full'],
    ['full not a boolean', '/openreferral/services?full=maybe', 'full'],
    ['modified_after not a date', '/openreferral/services?modified_after=yesterday', 'modified_after'],
    ['modified_after not a real date', '/openreferral/services?modified_after=2026-02-31', 'modified_after'],
    ['minimum_age not a number', '/openreferral/services?minimum_age=old', 'minimum_age'],
    ['maximum_age negative', '/openreferral/services?maximum_age=-1', 'maximum_age'],
    ['service_at_location id not a uuid', '/openreferral/service_at_locations/abc', 'id'],
  ])('%s', async (_what, url, field) => {
    const problem = expectProblem(await get(url), 400);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it('400s for an id that is not a uuid', async () => {
    const problem = expectProblem(await get('/openreferral/services/not-a-uuid'), 400);
    expect(problem.errors?.map((e) => e.field)).toContain('id');
  });
});

describe('caching', () => {
  it('sends an ETag and Cache-Control, and 304 when the caller has the same version', async () => {
    const first = await get('/openreferral/services?per_page=2');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const again = await get('/openreferral/services?per_page=2', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await get('/openreferral/services?per_page=1', { 'if-none-match': etag });
    expect(other.statusCode).toBe(200);
    expect(other.headers.etag).not.toBe(etag);
  });
});

describe('OpenAPI', () => {
  it('lists every Open Referral endpoint', async () => {
    const document = await getJson<{ paths: Record<string, unknown> }>('/docs/json');
    for (const path of [
      '/openreferral',
      '/openreferral/services',
      '/openreferral/services/{id}',
      '/openreferral/service_at_locations',
      '/openreferral/service_at_locations/{id}',
      '/openreferral/organizations',
      '/openreferral/organizations/{id}',
      '/openreferral/taxonomies',
      '/openreferral/taxonomy_terms',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
  });
});

describe('rate limit', () => {
  let limited: TestContext;
  beforeAll(async () => {
    limited = await buildTestApp({ OPEN_DATA_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('answers 429 problem+json after the per-client limit', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await limited.app.inject({ method: 'GET', url: '/openreferral/taxonomies' })).statusCode).toBe(200);
    }
    const refused = await limited.app.inject({ method: 'GET', url: '/openreferral/taxonomies' });
    expectProblem(refused, 429);
  });
});
