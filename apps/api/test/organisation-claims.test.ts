// A provider claims an organisation the CQC import created; the council verifies the claim.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  moderationActions,
  notifications,
  organisationClaims,
  organisationMembers,
  organisations,
} from '@care-assist/db';
import type { ClaimSearchResponse, MyClaimsResponse, OrganisationClaim, ProviderListing } from '@care-assist/domain';
import { makeOrganisation, makeService, makeUserRow } from './helpers/factories.ts';
import { bearer, buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const evidence = { evidence: 'I am the registered manager; CQC registration 1-100000001 lists me.' };

describe('claiming an organisation the CQC import created', () => {
  it('makes the claimant its verified owner once the council approves, and refuses a second claim', async () => {
    const db = ctx.database.handle.db;
    const org = await makeOrganisation(db, { name: 'Unclaimed Care Ltd', source: 'cqc', cqcProviderId: '1-100000001' });
    const service = await makeService(db, { organisationId: org.id, source: 'cqc' });
    const provider = await makeUserRow(db, { role: 'provider' });
    const rival = await makeUserRow(db, { role: 'provider' });
    const resident = await makeUserRow(db, { role: 'resident' });
    const moderator = await makeUserRow(db, { role: 'moderator' });
    const claimUrl = `/api/v1/organisations/${org.id}/claims`;
    // Its public page offers "Claim it" while nobody runs it here, and stops once someone does.
    const claimable = async () =>
      (await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${service.id}` })).json<{
        organisation: { claimable: boolean };
      }>().organisation.claimable;
    expect(await claimable()).toBe(true);

    expectProblem(await ctx.app.inject({ method: 'POST', url: claimUrl, payload: evidence }), 401);
    expectProblem(
      await ctx.app.inject({ method: 'POST', url: claimUrl, headers: bearer(ctx, resident), payload: evidence }),
      403,
    );
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: claimUrl,
        headers: bearer(ctx, provider),
        payload: { evidence: 'me' },
      }),
      400,
    );

    const claimed = await ctx.app.inject({
      method: 'POST',
      url: claimUrl,
      headers: bearer(ctx, provider),
      payload: evidence,
    });
    expect(claimed.statusCode).toBe(201);
    const claim = claimed.json<OrganisationClaim>();
    expectProblem(
      await ctx.app.inject({ method: 'POST', url: claimUrl, headers: bearer(ctx, provider), payload: evidence }),
      409,
    );
    const rivalClaim = (
      await ctx.app.inject({ method: 'POST', url: claimUrl, headers: bearer(ctx, rival), payload: evidence })
    ).json<OrganisationClaim>();

    // Before approval the claimant cannot touch the listings.
    expectProblem(
      await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/provider/services/${service.id}`,
        headers: bearer(ctx, provider),
      }),
      403,
    );
    expectProblem(
      await ctx.app.inject({ method: 'GET', url: '/api/v1/moderation/claims', headers: bearer(ctx, provider) }),
      403,
    );
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/moderation/claims/${claim.id}/approve`,
        headers: bearer(ctx, provider),
      }),
      403,
    );

    const queue = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/moderation/claims',
      headers: bearer(ctx, moderator),
    });
    expect(queue.json<{ items: OrganisationClaim[] }>().items.map((c) => c.id)).toEqual([claim.id, rivalClaim.id]);

    const approved = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/moderation/claims/${claim.id}/approve`,
      headers: bearer(ctx, moderator),
    });
    expect(approved.json<OrganisationClaim>().status).toBe('approved');
    expect(await claimable()).toBe(false);
    const [after] = await db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(after?.verifiedBy).toBe(moderator.id);
    expect(await db.select().from(organisationMembers).where(eq(organisationMembers.organisationId, org.id))).toEqual([
      expect.objectContaining({ userId: provider.id, role: 'owner' }),
    ]);
    const mine = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/provider/services/${service.id}`,
      headers: bearer(ctx, provider),
    });
    expect(mine.json<ProviderListing>().id).toBe(service.id);

    // The rival's claim can no longer win.
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/moderation/claims/${rivalClaim.id}/approve`,
        headers: bearer(ctx, moderator),
      }),
      409,
    );
    const rejected = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/moderation/claims/${rivalClaim.id}/reject`,
      headers: bearer(ctx, moderator),
      payload: { reasonCode: 'duplicate', note: 'Already claimed by its registered manager.' },
    });
    expect(rejected.json<OrganisationClaim>().status).toBe('rejected');
    expectProblem(
      await ctx.app.inject({ method: 'POST', url: claimUrl, headers: bearer(ctx, rival), payload: evidence }),
      409,
    );

    const audit = await db.select().from(moderationActions).where(eq(moderationActions.targetId, org.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['approve_claim', 'reject_claim']);
  });
});

describe('finding a listing to claim and following the claim', () => {
  it('finds a CQC-imported listing by name, CQC location id and postcode, and says where each one stands', async () => {
    const db = ctx.database.handle.db;
    const imported = await makeOrganisation(db, {
      name: 'Brightwater Care Group',
      source: 'cqc',
      cqcProviderId: '1-200000002',
    });
    const listing = await makeService(db, {
      organisationId: imported.id,
      name: 'Brightwater House Nursing',
      cqcLocationId: '1-300000003',
      postcode: 'CO4 9ZZ',
      source: 'cqc',
    });
    await makeService(db, { organisationId: imported.id, name: 'Brightwater Home Support', postcode: 'CO4 9ZY' });
    const registered = await makeOrganisation(db, { name: 'Brightwater Friends CIC' });
    await makeService(db, { organisationId: registered.id, name: 'Brightwater Friends Day Centre' });
    const owner = await makeUserRow(db, { role: 'provider' });
    await db.insert(organisationMembers).values({ organisationId: registered.id, userId: owner.id, role: 'owner' });
    const provider = await makeUserRow(db, { role: 'provider' });
    const find = async (q: string) => {
      const response = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/claims/services?q=${encodeURIComponent(q)}`,
        headers: bearer(ctx, provider),
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<ClaimSearchResponse>().items;
    };

    for (const q of ['brightwater house', '1-300000003', 'co49zz', 'CO4 9ZZ']) {
      const items = await find(q);
      expect(
        items.map((i) => i.serviceName),
        q,
      ).toEqual(['Brightwater House Nursing']);
      expect(items[0]).toMatchObject({
        serviceId: listing.id,
        organisationId: imported.id,
        organisationName: 'Brightwater Care Group',
        organisationServiceCount: 2,
        claimability: 'claimable',
      });
    }
    // The provider id finds every listing of the organisation; an organisation with members is not claimable.
    expect((await find('1-200000002')).map((i) => i.serviceName)).toEqual([
      'Brightwater Home Support',
      'Brightwater House Nursing',
    ]);
    const friends = (await find('Brightwater Friends')).map((i) => i.claimability);
    expect(friends).toEqual(['managed']);
    // Wildcards are literal text.
    expect(await find('%%')).toEqual([]);

    // Bad input and the wrong role change nothing.
    const before = await db.select().from(organisationClaims);
    expectProblem(
      await ctx.app.inject({ method: 'GET', url: '/api/v1/claims/services?q=b', headers: bearer(ctx, provider) }),
      400,
    );
    expectProblem(
      await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/claims/services?q=brightwater&extra=1',
        headers: bearer(ctx, provider),
      }),
      400,
    );
    const resident = await makeUserRow(db, { role: 'resident' });
    expectProblem(
      await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/claims/services?q=brightwater',
        headers: bearer(ctx, resident),
      }),
      403,
    );
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/api/v1/claims/mine' }), 401);
    // A provider-registered organisation cannot be claimed from under its members.
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/organisations/${registered.id}/claims`,
        headers: bearer(ctx, provider),
        payload: evidence,
      }),
      409,
    );
    expect(await db.select().from(organisationClaims)).toEqual(before);

    const claimed = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${imported.id}/claims`,
      headers: bearer(ctx, provider),
      payload: evidence,
    });
    expect(claimed.statusCode).toBe(201);
    expect((await find('1-300000003'))[0]?.claimability).toBe('yours_pending');

    const mine = async () =>
      (
        await ctx.app.inject({ method: 'GET', url: '/api/v1/claims/mine', headers: bearer(ctx, provider) })
      ).json<MyClaimsResponse>().items;
    expect(await mine()).toEqual([
      expect.objectContaining({
        organisationName: 'Brightwater Care Group',
        status: 'pending',
        decidedAt: null,
        reasonCode: null,
        services: [
          expect.objectContaining({ name: 'Brightwater Home Support' }),
          expect.objectContaining({ name: 'Brightwater House Nursing', postcode: 'CO4 9ZZ' }),
        ],
      }),
    ]);

    const moderator = await makeUserRow(db, { role: 'moderator' });
    const claim = claimed.json<OrganisationClaim>();
    await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/moderation/claims/${claim.id}/reject`,
      headers: bearer(ctx, moderator),
      payload: {
        reasonCode: 'cqc_mismatch',
        note: 'The CQC register names a different manager; send us your CQC letter.',
      },
    });
    const [decided] = await mine();
    expect(decided).toMatchObject({
      status: 'rejected',
      reasonCode: 'cqc_mismatch',
      decisionNote: 'The CQC register names a different manager; send us your CQC letter.',
    });
    expect(decided?.decidedAt).not.toBeNull();
    const told = await db.select().from(notifications).where(eq(notifications.userId, provider.id));
    expect(told).toEqual([expect.objectContaining({ kind: 'claim_rejected', link: '/provider/claims' })]);
    // Rejected, so the provider may ask again with better evidence.
    expect((await find('1-300000003'))[0]?.claimability).toBe('claimable');
  });
});
