// Demo data for the provider portal: the demo provider's organisation also runs listings that are not
// public yet (one waiting for the council, one draft), so the portal and the verification queue have work.
// We hand over two of the generated not-yet-public Essex listings, chosen by slug, so the data stays
// deterministic and within the generator's realistic ranges.
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { organisations, services } from '../schema/index.ts';
import { DEMO_PROVIDER_ORGANISATION } from './users.ts';

export async function seedProviderListings(tx: Executor): Promise<void> {
  const [org] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, DEMO_PROVIDER_ORGANISATION));
  if (!org) return;
  for (const status of ['pending', 'draft'] as const) {
    const [listing] = await tx
      .select({ id: services.id })
      .from(services)
      .where(and(eq(services.status, status), eq(services.county, 'Essex'), ne(services.organisationId, org.id)))
      .orderBy(asc(services.slug))
      .limit(1);
    if (listing) await tx.update(services).set({ organisationId: org.id }).where(eq(services.id, listing.id));
  }
}
