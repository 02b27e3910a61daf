// Value for money compares a service's price with the median of its rating group (main care type and county),
// so a provider's price edit changes the value scores of the whole group, not just its own. Found stale by a
// probe (issue 13 item 7): `ratings:rebuild -- --check` reported differences after a price edit.
import { inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviews, serviceRatings, searchOutbox } from '@care-assist/db';
import { addMember, makeOrganisation, makeService, makeUserRow } from './helpers/factories.ts';
import { bearer, buildTestApp, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

describe('a price edit', () => {
  it('recomputes the value scores of its care-type-and-county group, and only them', async () => {
    const db = ctx.database.handle.db;
    const provider = await makeUserRow(db, { role: 'provider' });
    const org = await makeOrganisation(db);
    await addMember(db, org.id, provider.id, 'owner');
    const group = await Promise.all(
      [2400, 2800, 3200].map((pence, i) =>
        makeService(db, { organisationId: org.id, name: `Priced Home Care ${i}`, pricePerHourPence: pence }),
      ),
    );
    // Another county: a different group, which the edit must leave alone.
    const elsewhere = await makeService(db, {
      organisationId: org.id,
      name: 'Faraway Home Care',
      county: 'Norfolk',
      town: 'Norwich',
      pricePerHourPence: 2600,
    });
    const authors = await Promise.all([0, 1, 2].map(() => makeUserRow(db)));
    const now = new Date();
    for (const service of [...group, elsewhere]) {
      for (const [k, author] of authors.entries()) {
        await db.insert(reviews).values({
          serviceId: service.id,
          authorId: author.id,
          relationship: 'family',
          overall: 3 + k,
          periodMonth: 10,
          periodYear: 2026,
          title: 'Good care',
          body: 'Kind carers who always arrive on time and stay the full visit.',
          consentAt: now,
          status: 'published',
          publishedAt: now,
          createdAt: now,
        });
      }
    }
    await ctx.app.modules.ratings.rebuildAll({ apply: true });
    const valueScores = async () =>
      new Map(
        (
          await db
            .select({ id: serviceRatings.serviceId, value: serviceRatings.valueScore })
            .from(serviceRatings)
            .where(
              inArray(
                serviceRatings.serviceId,
                [...group, elsewhere].map((s) => s.id),
              ),
            )
        ).map((r) => [r.id, r.value]),
      );
    const before = await valueScores();
    await ctx.app.modules.searchSync.drainAll();

    // The cheapest becomes the dearest: the group's median moves from 28.00 to 32.00.
    const edited = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/provider/services/${group[0]!.id}`,
      headers: bearer(ctx, provider),
      payload: { pricePerHourPence: 4000 },
    });
    expect(edited.statusCode).toBe(200);

    await ctx.app.modules.ratingGroups.drainAll();
    const check = await ctx.app.modules.ratings.rebuildAll({ apply: false });
    expect(check.differences).toEqual([]);
    const after = await valueScores();
    for (const service of group) expect(after.get(service.id)).not.toBe(before.get(service.id));
    expect(after.get(elsewhere.id)).toBe(before.get(elsewhere.id));
    // Search follows for every service whose value score moved.
    const queued = await db
      .select({ id: searchOutbox.aggregateId })
      .from(searchOutbox)
      .where(isNull(searchOutbox.processedAt));
    expect(new Set(queued.map((q) => q.id))).toEqual(new Set(group.map((s) => s.id)));
  });
});
