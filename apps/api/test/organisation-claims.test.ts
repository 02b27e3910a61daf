// A provider claims an organisation the CQC import created; the council verifies the claim.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderationActions, organisationMembers, organisations } from '@care-assist/db';
import type { OrganisationClaim, ProviderListing } from '@care-assist/domain';
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
