// A provider's listing from draft to published and back, through the real API, Postgres and Meilisearch.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderationActions, outboundMessages, organisationMembers, services } from '@care-assist/db';
import type { ListingEditResult, Organisation, ProviderListing, VerificationQueue } from '@care-assist/domain';
import { listingBody, makeUserRow } from './helpers/factories.ts';
import { bearer, buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const searchFor = async (q: string) =>
  (await ctx.search.search({ text: q, sort: 'relevance', offset: 0, limit: 10 })).hits.map((h) => h.name);

describe('a listing from draft to published', () => {
  it('is created as a draft by an owner, reviewed by the council, and only then searchable', async () => {
    const db = ctx.database.handle.db;
    const provider = await makeUserRow(db, { role: 'provider' });
    const moderator = await makeUserRow(db, { role: 'moderator' });

    const orgRes = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: bearer(ctx, provider),
      payload: {
        name: 'Baddow Care Ltd',
        sector: 'private',
        cqcProviderId: '1-101641521',
        contactEmail: 'hello@baddow.example',
      },
    });
    expect(orgRes.statusCode).toBe(201);
    const org = orgRes.json<Organisation>();
    expect(org).toMatchObject({ myRole: 'owner', verifiedAt: null, source: 'provider' });

    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/provider/services',
      headers: bearer(ctx, provider),
      payload: listingBody(org.id),
    });
    expect(created.statusCode).toBe(201);
    const listing = created.json<ProviderListing>();
    expect(listing).toMatchObject({ status: 'draft', postcode: 'CM2 8AA', organisationName: 'Baddow Care Ltd' });
    expect(listing.latitude).toBeCloseTo(51.7, 0);

    await ctx.app.modules.searchSync.drainAll();
    expect(await searchFor('Galleywood')).toEqual([]);

    const submitted = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/provider/services/${listing.id}/submit`,
      headers: bearer(ctx, provider),
    });
    expect(submitted.json<ProviderListing>().status).toBe('pending');
    await ctx.app.modules.searchSync.drainAll();
    expect(await searchFor('Galleywood')).toEqual([]);

    const queue = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/moderation/services',
      headers: bearer(ctx, moderator),
    });
    const item = queue.json<VerificationQueue>().items.find((i) => i.listing.id === listing.id);
    expect(item?.organisation.cqcProviderId).toBe('1-101641521');
    expect(item?.checks.join(' ')).toContain('not been verified');

    const published = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/moderation/services/${listing.id}/publish`,
      headers: bearer(ctx, moderator),
      payload: { note: 'CQC registration checked' },
    });
    expect(published.json<ProviderListing>().status).toBe('published');
    await ctx.app.modules.searchSync.drainAll();
    expect(await searchFor('Galleywood')).toEqual(['Galleywood Home Support']);
    const page = await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${listing.slug}` });
    expect(page.statusCode).toBe(200);

    const audit = await db.select().from(moderationActions).where(eq(moderationActions.targetId, listing.id));
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: moderator.id,
        action: 'publish',
        note: 'CQC registration checked',
        details: { from: 'pending', to: 'published' },
      }),
    ]);

    // Price and vacancy updates publish at once.
    const priced = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/provider/services/${listing.id}`,
      headers: bearer(ctx, provider),
      payload: { pricePerHourPence: 3100, acceptingNewClients: false },
    });
    expect(priced.json<ListingEditResult>()).toMatchObject({ backToReview: false, listing: { status: 'published' } });
    await ctx.app.modules.searchSync.drainAll();
    const [hit] = (await ctx.search.search({ text: 'Galleywood', sort: 'relevance', offset: 0, limit: 1 })).hits;
    expect(hit).toMatchObject({ acceptingNewClients: false, headlinePrice: { unit: 'hour', amountPence: 3100 } });

    // A significant edit takes it out of public view until the council has looked again.
    const renamed = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/provider/services/${listing.id}`,
      headers: bearer(ctx, provider),
      payload: { name: 'Galleywood Nursing and Home Support', careTypes: ['home_care', 'nursing_home'] },
    });
    expect(renamed.json<ListingEditResult>()).toMatchObject({ backToReview: true, listing: { status: 'pending' } });
    await ctx.app.modules.searchSync.drainAll();
    expect(await searchFor('Galleywood')).toEqual([]);

    const rejected = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/moderation/services/${listing.id}/reject`,
      headers: bearer(ctx, moderator),
      payload: { reasonCode: 'not_registered', note: 'Not registered with the CQC for nursing care.' },
    });
    expect(rejected.json<ProviderListing>()).toMatchObject({
      status: 'rejected',
      moderationReasonCode: 'not_registered',
      moderationNote: 'Not registered with the CQC for nursing care.',
    });

    // The provider puts it right, resubmits, and the council publishes, then suspends it.
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/provider/services/${listing.id}`,
      headers: bearer(ctx, provider),
      payload: { careTypes: ['home_care'] },
    });
    await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/provider/services/${listing.id}/submit`,
      headers: bearer(ctx, provider),
    });
    await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/moderation/services/${listing.id}/publish`,
      headers: bearer(ctx, moderator),
    });
    await ctx.app.modules.searchSync.drainAll();
    expect(await searchFor('Galleywood')).toEqual(['Galleywood Nursing and Home Support']);

    const suspended = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/moderation/services/${listing.id}/suspend`,
      headers: bearer(ctx, moderator),
      payload: { reasonCode: 'safeguarding', note: 'Safeguarding enquiry open.' },
    });
    expect(suspended.json<ProviderListing>().status).toBe('suspended');
    await ctx.app.modules.searchSync.drainAll();
    expect(await searchFor('Galleywood')).toEqual([]);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${listing.slug}` })).statusCode).toBe(404);

    const actions = await db.select().from(moderationActions).where(eq(moderationActions.targetId, listing.id));
    expect(actions.map((a) => a.action).sort()).toEqual(['publish', 'publish', 'reject', 'suspend']);
    expect(actions.find((a) => a.action === 'suspend')).toMatchObject({
      reasonCode: 'safeguarding',
      actorId: moderator.id,
    });
  });

  it('refuses moves the lifecycle does not allow with 409 and changes nothing', async () => {
    const db = ctx.database.handle.db;
    const provider = await makeUserRow(db, { role: 'provider' });
    const moderator = await makeUserRow(db, { role: 'moderator' });
    const org = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: bearer(ctx, provider),
        payload: { name: 'Writtle Care', sector: 'mutual' },
      })
    ).json<Organisation>();
    const draft = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/provider/services',
        headers: bearer(ctx, provider),
        payload: listingBody(org.id, { name: 'Writtle Draft' }),
      })
    ).json<ProviderListing>();
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/moderation/services/${draft.id}/publish`,
        headers: bearer(ctx, moderator),
      }),
      409,
    );
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/moderation/services/${draft.id}/suspend`,
        headers: bearer(ctx, moderator),
        payload: { reasonCode: 'other', note: 'Not yet.' },
      }),
      409,
    );
    const [row] = await db.select().from(services).where(eq(services.id, draft.id));
    expect(row?.status).toBe('draft');
    expect(await db.select().from(moderationActions).where(eq(moderationActions.targetId, draft.id))).toEqual([]);
  });
});

describe('staff invitations', () => {
  it('writes a single-use link to the outbox that only the invited person can accept, once', async () => {
    const db = ctx.database.handle.db;
    const owner = await makeUserRow(db, { role: 'provider' });
    const org = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: bearer(ctx, owner),
        payload: { name: 'Danbury Care', sector: 'social_enterprise' },
      })
    ).json<Organisation>();

    const invited = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${org.id}/members`,
      headers: bearer(ctx, owner),
      payload: { email: 'Sam.Staff@Example.test', role: 'staff' },
    });
    expect(invited.statusCode).toBe(201);
    const [message] = await db.select().from(outboundMessages).where(eq(outboundMessages.to, 'sam.staff@example.test'));
    expect(message?.subject).toContain('Danbury Care');
    expect(message?.sentAt).toBeNull();
    const token = message!.link!.split('/').pop()!;
    expect(message!.link).toBe(`${ctx.config.webOrigin}/provider/invitations/${token}`);

    const stranger = await makeUserRow(db, { role: 'provider' });
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/organisations/invitations/accept',
        headers: bearer(ctx, stranger),
        payload: { token },
      }),
      403,
    );
    const sam = await makeUserRow(db, { role: 'provider', email: 'sam.staff@example.test' });
    const accepted = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/organisations/invitations/accept',
      headers: bearer(ctx, sam),
      payload: { token },
    });
    expect(accepted.json<Organisation>()).toMatchObject({ id: org.id, myRole: 'staff' });
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/organisations/invitations/accept',
        headers: bearer(ctx, sam),
        payload: { token },
      }),
      409,
    );
    const members = await db.select().from(organisationMembers).where(eq(organisationMembers.organisationId, org.id));
    expect(members.map((m) => m.role).sort()).toEqual(['owner', 'staff']);

    // Staff may not invite; an unknown token is 404.
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/organisations/${org.id}/members`,
        headers: bearer(ctx, sam),
        payload: { email: 'x@example.test', role: 'owner' },
      }),
      403,
    );
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/organisations/invitations/accept',
        headers: bearer(ctx, sam),
        payload: { token: 'x'.repeat(43) },
      }),
      404,
    );
  });
});
