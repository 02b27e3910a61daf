// The CQC importer on small fixtures in both published layouts: adult social care only, bad rows
// reported by line, deregistered locations unpublished, and a re-run that changes nothing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationMembers, organisations, searchOutbox, serviceCqcRatings, services } from '@care-assist/db';
import type { ServiceDetail } from '@care-assist/domain';
import { createCqcImporter } from '../src/modules/cqc-import/importer.ts';
import { readDirectory, readLocations } from '../src/modules/cqc-import/records.ts';
import { buildTestApp, type TestContext } from './helpers/test-app.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/cqc');
const directoryCsv = path.join(fixtures, 'directory.csv');
const locationsNdjson = path.join(fixtures, 'locations.ndjson');

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const importer = () => createCqcImporter({ db: ctx.database.handle.db, clock: () => new Date() });
const snapshot = async () => {
  const db = ctx.database.handle.db;
  return {
    services: await db
      .select({ id: services.id, updatedAt: services.updatedAt, status: services.status })
      .from(services)
      .orderBy(asc(services.id)),
    organisations: await db
      .select({ id: organisations.id, updatedAt: organisations.updatedAt })
      .from(organisations)
      .orderBy(asc(organisations.id)),
    ratings: await db
      .select()
      .from(serviceCqcRatings)
      .orderBy(asc(serviceCqcRatings.serviceId), asc(serviceCqcRatings.keyQuestion)),
    outbox: (await db.select({ id: searchOutbox.id }).from(searchOutbox)).length,
  };
};

describe('CQC import', () => {
  it('imports the directory CSV: adult social care published at once, the rest skipped, bad rows by line', async () => {
    const report = await importer().run(readDirectory(directoryCsv));
    expect(report).toMatchObject({ read: 12, created: 6, organisationsCreated: 4, skippedByType: 3, updated: 0 });
    expect(report.errors).toEqual([
      { line: 13, reason: 'no CQC location id' },
      { line: 14, reason: 'postcode ZZ9 9ZZ is not in the postcode data' },
      { line: 15, reason: '"30/Feb/2024 - 00:00" is not a date like 09/Jan/2018 - 00:00' },
    ]);
    const db = ctx.database.handle.db;
    const [abbey] = await db.select().from(services).where(eq(services.cqcLocationId, '1-200000001'));
    expect(abbey).toMatchObject({
      name: 'Abbey Field Care Home',
      addressLine1: 'Abbey Field',
      addressLine2: '14 London Road',
      town: 'Chelmsford',
      postcode: 'CM2 0AA',
      careTypes: ['care_home'],
      specialisms: ['dementia', 'older_people'],
      status: 'published',
      source: 'cqc',
    });
    const [colne] = await db.select().from(services).where(eq(services.cqcLocationId, '1-200000003'));
    expect(colne?.careTypes).toEqual(['nursing_home', 'care_home']);
    // Two locations of one provider share one unclaimed organisation.
    expect(colne?.organisationId).toBe(abbey?.organisationId);
    const [org] = await db.select().from(organisations).where(eq(organisations.id, abbey!.organisationId));
    expect(org).toMatchObject({
      name: 'Abbey Field Care Ltd',
      cqcProviderId: '1-100000001',
      source: 'cqc',
      verifiedAt: null,
    });
    expect(await db.select().from(organisationMembers).where(eq(organisationMembers.organisationId, org!.id))).toEqual(
      [],
    );
    expect(await db.select().from(services).where(eq(services.cqcLocationId, '1-200000010'))).toEqual([]);

    await ctx.app.modules.searchSync.drainAll();
    const hits = await ctx.search.search({ text: 'Abbey Field', sort: 'relevance', offset: 0, limit: 5 });
    expect(hits.hits.map((h) => h.name)).toContain('Abbey Field Care Home');
  });

  it('changes nothing when the same directory is imported again', async () => {
    const before = await snapshot();
    const report = await importer().run(readDirectory(directoryCsv));
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 6, organisationsCreated: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('imports API locations with ratings per key question, and unpublishes a deregistered location', async () => {
    const report = await importer().run(readLocations(locationsNdjson));
    expect(report).toMatchObject({
      read: 10,
      created: 2,
      updated: 2,
      unpublished: 1,
      skippedByType: 1,
      skippedDeregistered: 1,
    });
    expect(report.errors).toEqual([
      { line: 6, reason: 'not valid JSON' },
      { line: 7, reason: 'no locationId' },
      { line: 8, reason: '"Brilliant" is not a CQC rating' },
    ]);
    const db = ctx.database.handle.db;
    const [abbey] = await db.select().from(services).where(eq(services.cqcLocationId, '1-200000001'));
    expect(abbey).toMatchObject({ cqcRating: 'good', cqcRatingDate: '2025-06-12', latitude: 51.7297 });
    const ratings = await db.select().from(serviceCqcRatings).where(eq(serviceCqcRatings.serviceId, abbey!.id));
    expect(Object.fromEntries(ratings.map((r) => [r.keyQuestion, r.rating]))).toEqual({
      safe: 'good',
      effective: 'good',
      caring: 'outstanding',
      responsive: 'good',
      well_led: 'requires_improvement',
    });
    const [colne] = await db.select().from(services).where(eq(services.cqcLocationId, '1-200000003'));
    expect(colne).toMatchObject({
      status: 'suspended',
      moderationReasonCode: 'not_registered',
      cqcRegistrationStatus: 'Deregistered',
    });
    const [heybridge] = await db.select().from(services).where(eq(services.cqcLocationId, '1-200000007'));
    expect(heybridge).toMatchObject({ status: 'published', cqcRating: 'outstanding', careTypes: ['nursing_home'] });

    await ctx.app.modules.searchSync.drainAll();
    const colneHits = await ctx.search.search({ text: 'Colne Valley', sort: 'relevance', offset: 0, limit: 5 });
    expect(colneHits.hits.map((h) => h.name)).not.toContain('Colne Valley Nursing Home');
    const outstanding = await ctx.app.inject({ method: 'GET', url: '/api/v1/services?cqc_rating=outstanding' });
    expect(outstanding.json<{ items: { name: string }[] }>().items.map((i) => i.name)).toEqual([
      'Heybridge Nursing Home',
    ]);
    const page = await ctx.app.inject({ method: 'GET', url: `/api/v1/services/${abbey!.slug}` });
    expect(page.json<ServiceDetail>().cqcKeyQuestions).toEqual([
      { keyQuestion: 'safe', label: 'Safe', rating: 'good', reportDate: '2025-06-12' },
      { keyQuestion: 'effective', label: 'Effective', rating: 'good', reportDate: '2025-06-12' },
      { keyQuestion: 'caring', label: 'Caring', rating: 'outstanding', reportDate: '2025-06-12' },
      { keyQuestion: 'responsive', label: 'Responsive', rating: 'good', reportDate: '2025-06-12' },
      { keyQuestion: 'well_led', label: 'Well-led', rating: 'requires_improvement', reportDate: '2025-06-12' },
    ]);
  });

  it('changes nothing when the same locations are imported again', async () => {
    const before = await snapshot();
    const report = await importer().run(readLocations(locationsNdjson));
    expect(report).toMatchObject({ created: 0, updated: 0, unpublished: 0, unchanged: 5 });
    expect(await snapshot()).toEqual(before);
  });
});
