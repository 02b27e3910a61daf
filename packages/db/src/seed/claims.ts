// Demo data for claiming listings: the organisations nobody has signed up for stand for ones the CQC import
// made (source 'cqc', no members), and a newly signed-up provider has asked to run one of them, so the
// provider's claim journey and the council's claims queue both have something to show.
// Chosen by rule (unverified, no members; then by name), never by chance, so the seed stays deterministic.
import { Faker, base, en, en_GB } from '@faker-js/faker';
import { and, asc, eq, isNull, notInArray } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { organisationClaims, organisationMembers, organisations, services } from '../schema/index.ts';
import { REFERENCE_DATE, type DemoUserRow } from './generate.ts';
import { DEMO_CLAIMANT } from './users.ts';

const DAY_MS = 86_400_000;

/** The demo claimant's account row, with an id of its own (a separate faker stream: nothing else shifts). */
export function demoClaimantRow(seed: number): DemoUserRow {
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(seed + 11);
  const createdAt = new Date(REFERENCE_DATE.getTime() - 3 * DAY_MS);
  return {
    id: faker.string.uuid(),
    email: DEMO_CLAIMANT.email,
    displayName: DEMO_CLAIMANT.displayName,
    role: DEMO_CLAIMANT.role,
    createdAt,
    updatedAt: createdAt,
  };
}

export async function seedDemoClaims(tx: Executor, claimant: DemoUserRow): Promise<void> {
  const membered = tx.select({ id: organisationMembers.organisationId }).from(organisationMembers);
  const imported = await tx
    .update(organisations)
    .set({ source: 'cqc' })
    .where(and(isNull(organisations.verifiedAt), notInArray(organisations.id, membered)))
    .returning({ id: organisations.id });
  if (imported.length === 0) return;
  // The claim: the first (by name) of those organisations with a published Essex listing.
  const [target] = await tx
    .select({ organisationId: organisations.id })
    .from(organisations)
    .innerJoin(services, eq(services.organisationId, organisations.id))
    .where(and(eq(organisations.source, 'cqc'), eq(services.status, 'published'), eq(services.county, 'Essex')))
    .orderBy(asc(organisations.name))
    .limit(1);
  if (!target) return;
  const [organisation] = await tx
    .select({ cqcProviderId: organisations.cqcProviderId })
    .from(organisations)
    .where(eq(organisations.id, target.organisationId));
  await tx.insert(organisationClaims).values({
    organisationId: target.organisationId,
    claimantId: claimant.id,
    evidence: `I am the registered manager. The CQC register lists me for provider ${organisation?.cqcProviderId ?? ''}; call the office to check.`,
    status: 'pending',
    createdAt: new Date(REFERENCE_DATE.getTime() - 2 * DAY_MS),
  });
}
