import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import { CARE_TYPE_CODES, haversineKm, type CareType } from '@care-assist/domain';
import { locatePostcode } from '@care-assist/geo';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.ts';
import type { DbHandle } from '../client.ts';
import { verifyPassword } from '../password.ts';
import {
  bookings,
  outcomeReviews,
  serviceDailyActivity,
  organisationClaims,
  organisationMembers,
  organisations,
  reviewFlags,
  reviews,
  serviceRatings,
  services,
  users,
} from '../schema/index.ts';
import { AT_HOME_CARE_TYPES, HOME_CARE_VISIT_RANGE, PRICE_RANGES } from './care.ts';
import { DEMO_CLAIMANT, DEMO_PASSWORD, DEMO_PROVIDER_ORGANISATION, DEMO_USERS, seedDemoData } from './index.ts';

// Every database made here is dropped when the file ends (closing a handle early is fine).
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

async function freshDb(): Promise<DbHandle> {
  const database = await createTestDatabase();
  databases.push(database);
  return database.handle;
}

async function counts(handle: DbHandle) {
  const [u] = await handle.db.select({ n: count() }).from(users);
  const [o] = await handle.db.select({ n: count() }).from(organisations);
  const [s] = await handle.db.select({ n: count() }).from(services);
  const [r] = await handle.db.select({ n: count() }).from(serviceRatings);
  return { users: u!.n, organisations: o!.n, services: s!.n, ratings: r!.n };
}

describe('seedDemoData', () => {
  let handle: DbHandle;
  let result: Awaited<ReturnType<typeof seedDemoData>>;
  let lastProgress: [number, number] = [0, 0];
  const allServices = () => handle.db.select().from(services).orderBy(asc(services.slug));

  beforeAll(async () => {
    handle = await freshDb();
    result = await seedDemoData(handle, { onProgress: (done, total) => (lastProgress = [done, total]) });
  });
  afterAll(async () => {
    await handle?.close();
  });

  // How fast it seeds is for `npm run bench`, not a timed test: these machines are shared and noisy.
  it('seeds an empty database in one go and reports progress to the end', async () => {
    expect(result.skipped).toBe(false);
    expect(lastProgress[0]).toBe(lastProgress[1]);
    const c = await counts(handle);
    expect(c).toEqual({
      users: result.users,
      organisations: result.organisations,
      services: result.services,
      ratings: result.services,
    });
    expect(c.services).toBeGreaterThanOrEqual(320);
    expect(c.organisations).toBeGreaterThanOrEqual(120);
    // The demo accounts, the residents who wrote the demo reviews and the provider with a pending claim.
    expect(c.users).toBe(DEMO_USERS.length + 80 + 1);
  });

  it('covers every care type, at least six counties and a mix of provider sectors', async () => {
    const rows = await allServices();
    const types = new Set(rows.flatMap((s) => s.careTypes));
    expect([...types].sort()).toEqual([...CARE_TYPE_CODES].sort());
    expect(new Set(rows.map((s) => s.county)).size).toBeGreaterThanOrEqual(6);
    const essex = rows.filter((s) => s.county === 'Essex').length;
    expect(essex / rows.length).toBeGreaterThan(0.4);
    const sectors = await handle.db
      .select({ sector: organisations.sector, n: count() })
      .from(organisations)
      .groupBy(organisations.sector);
    expect(sectors.map((s) => s.sector).sort()).toEqual([
      'mutual',
      'private',
      'public',
      'social_enterprise',
      'voluntary_community',
    ]);
  });

  it('has plenty of published home care and every care type in Chelmsford (CM1/CM2)', async () => {
    const rows = (await allServices()).filter((s) => /^CM[12] /.test(s.postcode));
    const homeCare = rows.filter((s) => s.status === 'published' && s.careTypes.includes('home_care'));
    expect(homeCare.length).toBeGreaterThanOrEqual(15);
    expect(new Set(rows.flatMap((s) => s.careTypes)).size).toBe(CARE_TYPE_CODES.length);
    expect(rows.every((s) => s.town === 'Chelmsford')).toBe(true);
  });

  it('mostly publishes, keeping a few drafts and pending listings out of public view', async () => {
    const rows = await allServices();
    const published = rows.filter((s) => s.status === 'published').length;
    expect(published / rows.length).toBeGreaterThan(0.9);
    expect(published).toBeLessThan(rows.length);
    expect(rows.every((s) => ['published', 'draft', 'pending'].includes(s.status))).toBe(true);
  });

  it('places every service at a real postcode within 3 km of its sector centroid', async () => {
    for (const s of await allServices()) {
      const located = locatePostcode(s.postcode);
      expect(located.ok, s.postcode).toBe(true);
      if (!located.ok) continue;
      expect(located.location.kind).toBe('sector');
      const km = haversineKm(
        { lat: s.latitude, lng: s.longitude },
        { lat: located.location.latitude, lng: located.location.longitude },
      );
      expect(km, s.postcode).toBeLessThan(3);
    }
  });

  it('prices every service within the realistic range for its kind of care, in whole pence', async () => {
    const column = {
      hour: 'pricePerHourPence',
      visit: 'pricePerVisitPence',
      night: 'pricePerNightPence',
      week: 'pricePerWeekPence',
    } as const;
    for (const s of await allServices()) {
      const primary = s.careTypes[0] as CareType;
      const range = PRICE_RANGES[primary];
      const main = s[column[range.unit]];
      expect(Number.isInteger(main), s.slug).toBe(true);
      expect(main).toBeGreaterThanOrEqual(range.minPence);
      expect(main).toBeLessThanOrEqual(range.maxPence);
      for (const unit of Object.keys(column) as (keyof typeof column)[]) {
        if (unit === range.unit) continue;
        const other = s[column[unit]];
        if (primary === 'home_care' && unit === 'visit' && other !== null) {
          expect(other).toBeGreaterThanOrEqual(HOME_CARE_VISIT_RANGE.minPence);
          expect(other).toBeLessThanOrEqual(HOME_CARE_VISIT_RANGE.maxPence);
        } else {
          expect(other, `${s.slug} ${unit}`).toBeNull();
        }
      }
      if (AT_HOME_CARE_TYPES.includes(primary)) {
        expect(s.areaServedKm).toBeGreaterThanOrEqual(5);
        expect(s.areaServedKm).toBeLessThanOrEqual(25);
      } else {
        expect(s.areaServedKm).toBeNull();
      }
      expect(s.specialisms.length).toBeGreaterThanOrEqual(1);
      expect(s.specialisms.length).toBeLessThanOrEqual(4);
      expect(s.fundingAccepted.length).toBeGreaterThanOrEqual(1);
      expect(s.languages).toContain('English');
      expect(s.description).toContain(s.town);
    }
  });

  it('gives unique slugs and CQC ids, and rating dates only where CQC has rated', async () => {
    const rows = await allServices();
    expect(new Set(rows.map((s) => s.slug)).size).toBe(rows.length);
    expect(rows.every((s) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s.slug))).toBe(true);
    const orgs = await handle.db.select().from(organisations);
    const cqcIds = [...rows.map((s) => s.cqcLocationId), ...orgs.map((o) => o.cqcProviderId)];
    expect(cqcIds.every((id) => /^1-\d{9,10}$/.test(id ?? ''))).toBe(true);
    expect(new Set(cqcIds).size).toBe(cqcIds.length);
    for (const s of rows) {
      expect(s.cqcRatingDate === null, s.slug).toBe(s.cqcRating === 'not_yet_rated');
      if (s.cqcRatingDate) expect(s.cqcRatingDate >= '2023-11-01' && s.cqcRatingDate <= '2026-11-01').toBe(true);
    }
  });

  it('writes demo reviews (some pending, some reported, one safeguarding) and aggregates that match them', async () => {
    const all = await handle.db.select().from(reviews);
    expect(all.length).toBeGreaterThan(1000);
    expect(all.filter((r) => r.status === 'pending').length).toBeGreaterThanOrEqual(5);
    expect(all.filter((r) => r.safeguarding)).toHaveLength(1);
    expect((await handle.db.select().from(reviewFlags)).length).toBeGreaterThanOrEqual(3);
    const published = new Map<string, number>();
    for (const r of all)
      if (r.status === 'published') published.set(r.serviceId, (published.get(r.serviceId) ?? 0) + 1);
    const ratings = await handle.db.select().from(serviceRatings);
    for (const rating of ratings) expect(rating.reviewCount).toBe(published.get(rating.serviceId) ?? 0);
    const rated = ratings.filter((r) => r.reviewCount > 0);
    expect(rated.length).toBeGreaterThan(200);
    expect(rated.every((r) => r.rankingScore >= 1 && r.rankingScore <= 5 && r.details !== null)).toBe(true);
  });

  it('creates the demo accounts with the documented password, and the provider owns a Chelmsford organisation', async () => {
    for (const demo of DEMO_USERS) {
      const [user] = await handle.db.select().from(users).where(eq(users.email, demo.email));
      expect(user?.role).toBe(demo.role);
      expect(await verifyPassword(user!.passwordHash, DEMO_PASSWORD)).toBe(true);
    }
    const owned = await handle.db
      .select({ organisation: organisations.name, role: organisationMembers.role })
      .from(organisationMembers)
      .innerJoin(users, eq(users.id, organisationMembers.userId))
      .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
      .where(eq(users.email, 'provider@demo.care-assist.test'));
    expect(owned).toEqual([{ organisation: DEMO_PROVIDER_ORGANISATION, role: 'owner' }]);
    const run = await handle.db
      .select({ town: services.town, status: services.status })
      .from(services)
      .innerJoin(organisations, eq(organisations.id, services.organisationId))
      .where(eq(organisations.name, DEMO_PROVIDER_ORGANISATION));
    expect(run.filter((s) => s.town === 'Chelmsford' && s.status === 'published').length).toBeGreaterThanOrEqual(3);
  });

  it('leaves CQC-imported organisations unclaimed, with published listings, and one claim waiting for the council', async () => {
    const imported = await handle.db
      .select({ id: organisations.id, verifiedAt: organisations.verifiedAt, member: organisationMembers.userId })
      .from(organisations)
      .leftJoin(organisationMembers, eq(organisationMembers.organisationId, organisations.id))
      .where(eq(organisations.source, 'cqc'));
    expect(imported.length).toBeGreaterThanOrEqual(5);
    expect(imported.every((o) => o.verifiedAt === null && o.member === null)).toBe(true);
    const claims = await handle.db
      .select({ status: organisationClaims.status, email: users.email, source: organisations.source })
      .from(organisationClaims)
      .innerJoin(users, eq(users.id, organisationClaims.claimantId))
      .innerJoin(organisations, eq(organisations.id, organisationClaims.organisationId));
    expect(claims).toEqual([{ status: 'pending', email: DEMO_CLAIMANT.email, source: 'cqc' }]);
    const [claimant] = await handle.db.select().from(users).where(eq(users.email, DEMO_CLAIMANT.email));
    expect(await verifyPassword(claimant!.passwordHash, DEMO_PASSWORD)).toBe(true);
  });

  it('writes bookings at every stage, outcomes from people and carers, and anonymous listing activity', async () => {
    const stages = await handle.db.selectDistinct({ status: bookings.status }).from(bookings);
    expect(stages.map((s) => s.status).sort()).toEqual(
      ['accepted', 'active', 'cancelled', 'completed', 'declined', 'quoted', 'requested'].sort(),
    );
    const answers = await handle.db
      .select({ respondent: outcomeReviews.respondent, n: count() })
      .from(outcomeReviews)
      .groupBy(outcomeReviews.respondent);
    expect(answers.find((a) => a.respondent === 'person')!.n).toBeGreaterThan(100);
    expect(answers.find((a) => a.respondent === 'carer')!.n).toBeGreaterThan(40);
    const [activity] = await handle.db.select({ n: count() }).from(serviceDailyActivity);
    expect(activity!.n).toBeGreaterThan(3_000);
  });

  it('does nothing the second time', async () => {
    const before = await counts(handle);
    const again = await seedDemoData(handle);
    expect(again.skipped).toBe(true);
    expect(await counts(handle)).toEqual(before);
  });

  it('is deterministic: the same seed gives identical rows, another seed different ones', async () => {
    const same = await freshDb();
    const other = await freshDb();
    try {
      await seedDemoData(same);
      await seedDemoData(other, { seed: 1 });
      const rows = async (h: DbHandle) => h.db.select().from(services).orderBy(asc(services.id));
      const orgRows = async (h: DbHandle) => h.db.select().from(organisations).orderBy(asc(organisations.id));
      expect(await rows(same)).toEqual(await rows(handle));
      expect(await orgRows(same)).toEqual(await orgRows(handle));
      expect(await rows(other)).not.toEqual(await rows(handle));
      const ids = (await rows(same)).map((s) => s.id);
      expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(
        true,
      );
    } finally {
      await same.close();
      await other.close();
    }
    // Two more full seeds: give a loaded machine room (the default is 60 s).
  }, 180_000);
});
