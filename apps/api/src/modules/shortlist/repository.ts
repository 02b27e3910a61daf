// Drizzle queries for shortlists: the services a signed-in user has kept to look at again.
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { organisations, serviceRatings, services, shortlistItems, type Database, type Executor } from '@care-assist/db';
import type { PublicServiceRecord } from '../services/repository.ts';

export function createShortlistRepository(db: Database) {
  return {
    /** The user's shortlisted services that are still published, most recently added first. */
    async listPublished(userId: string, tx: Executor = db): Promise<PublicServiceRecord[]> {
      return tx
        .select({ service: services, organisation: organisations, rating: serviceRatings })
        .from(shortlistItems)
        .innerJoin(services, eq(services.id, shortlistItems.serviceId))
        .innerJoin(organisations, eq(organisations.id, services.organisationId))
        .leftJoin(serviceRatings, eq(serviceRatings.serviceId, services.id))
        .where(and(eq(shortlistItems.userId, userId), eq(services.status, 'published')))
        .orderBy(desc(shortlistItems.addedAt), services.name);
    },

    async count(userId: string, tx: Executor = db): Promise<number> {
      const [row] = await tx.select({ n: count() }).from(shortlistItems).where(eq(shortlistItems.userId, userId));
      return row?.n ?? 0;
    },

    /** Adds the services (already checked as published); ones already on the list stay as they were. */
    async add(userId: string, serviceIds: string[], tx: Executor = db): Promise<void> {
      if (serviceIds.length === 0) return;
      await tx
        .insert(shortlistItems)
        .values(serviceIds.map((serviceId) => ({ userId, serviceId })))
        .onConflictDoNothing();
    },

    async remove(userId: string, serviceId: string, tx: Executor = db): Promise<void> {
      await tx
        .delete(shortlistItems)
        .where(and(eq(shortlistItems.userId, userId), eq(shortlistItems.serviceId, serviceId)));
    },

    async publishedIds(ids: string[], tx: Executor = db): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await tx
        .select({ id: services.id })
        .from(services)
        .where(and(inArray(services.id, ids), eq(services.status, 'published')));
      return rows.map((row) => row.id);
    },
  };
}
export type ShortlistRepository = ReturnType<typeof createShortlistRepository>;
