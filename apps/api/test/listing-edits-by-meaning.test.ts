// Editing only prices and vacancies keeps a published listing published, however the client spells the
// optional fields it leaves empty (issue 14, item 1: "" posted for a null address line 2 took listings off the site).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, makeOrganisation, makeService, makeUserRow } from './helpers/factories.ts';
import { services } from '@care-assist/db';
import type { ListingEditResult } from '@care-assist/domain';
import { bearer, buildTestApp, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

/** A published listing as the demo data makes them: every optional field empty (null or an empty list). */
async function publishedListingWithEmptyOptionals() {
  const db = ctx.database.handle.db;
  const provider = await makeUserRow(db, { role: 'provider' });
  const org = await makeOrganisation(db);
  await addMember(db, org.id, provider.id, 'owner');
  const service = await makeService(db, {
    organisationId: org.id,
    description: '',
    careTypes: ['home_care', 'live_in_care'],
    specialisms: ['older_people', 'dementia'],
    addressLine2: null,
    areaServedKm: 7.3,
    pricePerHourPence: 2850,
    languages: ['English', 'Polish'],
    openingDetails: null,
    phone: null,
    email: null,
    website: null,
    cqcLocationId: null,
  });
  return { provider, service };
}

const patch = (id: string, provider: { id: string; role: 'provider' }, payload: Record<string, unknown>) =>
  ctx.app.inject({
    method: 'PATCH',
    url: `/api/v1/provider/services/${id}`,
    headers: bearer(ctx, provider),
    payload,
  });

describe('editing a published listing with every optional field empty', () => {
  it('stays published when only the price and vacancies change, with empty optional fields sent as ""', async () => {
    const { provider, service } = await publishedListingWithEmptyOptionals();
    const res = await patch(service.id, provider as { id: string; role: 'provider' }, {
      name: service.name,
      summary: service.summary,
      description: '',
      careTypes: ['live_in_care', 'home_care'],
      specialisms: ['dementia', 'older_people'],
      addressLine1: ` ${service.addressLine1} `,
      addressLine2: '',
      town: service.town,
      county: service.county,
      postcode: 'cm11aa',
      areaServedKm: 7.3,
      pricePerHourPence: 3100,
      acceptingNewClients: false,
      languages: ['Polish', 'English'],
      openingDetails: '',
      phone: '',
      email: '',
      website: '',
      cqcLocationId: '',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<ListingEditResult>()).toMatchObject({ backToReview: false, listing: { status: 'published' } });
    const [row] = await ctx.database.handle.db.select().from(services).where(eq(services.id, service.id));
    expect(row).toMatchObject({
      status: 'published',
      pricePerHourPence: 3100,
      acceptingNewClients: false,
      addressLine2: null,
      openingDetails: null,
      phone: null,
      email: null,
      website: null,
      cqcLocationId: null,
    });
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${service.slug}` })).statusCode).toBe(200);
  });

  it('stores an empty optional field as null and still goes back to review for a real address change', async () => {
    const { provider, service } = await publishedListingWithEmptyOptionals();
    const res = await patch(service.id, provider as { id: string; role: 'provider' }, {
      addressLine2: '  Unit 4  ',
      phone: '',
    });
    expect(res.json<ListingEditResult>()).toMatchObject({ backToReview: true, listing: { status: 'pending' } });
    const [row] = await ctx.database.handle.db.select().from(services).where(eq(services.id, service.id));
    expect(row).toMatchObject({ addressLine2: 'Unit 4', phone: null });
  });
});
