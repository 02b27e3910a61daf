// Drizzle queries for listings as their providers and the council see them (any status).
import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import {
  moderationActions,
  organisationMembers,
  organisations,
  serviceRatings,
  servicePhotos,
  services,
  readAll,
  type Database,
  type Executor,
  type ServiceRow,
  type NewService,
  type ServicePhotoRow,
} from '@care-assist/db';
import type { ServiceStatus } from '@care-assist/domain';

export interface ListingRecord {
  service: ServiceRow;
  organisation: typeof organisations.$inferSelect;
}

export function createListingRepository(db: Database) {
  const records = (tx: Executor) =>
    tx
      .select({ service: services, organisation: organisations })
      .from(services)
      .innerJoin(organisations, eq(organisations.id, services.organisationId));

  return {
    async insertPhoto(values: typeof servicePhotos.$inferInsert, tx: Executor = db): Promise<ServicePhotoRow> {
      const [row] = await tx.insert(servicePhotos).values(values).returning();
      return row!;
    },

    async photosOf(serviceId: string, tx: Executor = db): Promise<ServicePhotoRow[]> {
      return tx.select().from(servicePhotos).where(eq(servicePhotos.serviceId, serviceId));
    },

    async photoByFileName(fileName: string, tx: Executor = db): Promise<ServicePhotoRow | undefined> {
      const [row] = await tx.select().from(servicePhotos).where(eq(servicePhotos.fileName, fileName));
      return row;
    },

    async insert(values: NewService, tx: Executor = db): Promise<ServiceRow | undefined> {
      const [row] = await tx.insert(services).values(values).onConflictDoNothing().returning();
      if (row) await tx.insert(serviceRatings).values({ serviceId: row.id }).onConflictDoNothing();
      return row;
    },

    async update(id: string, values: Partial<NewService>, tx: Executor = db): Promise<ServiceRow> {
      const [row] = await tx.update(services).set(values).where(eq(services.id, id)).returning();
      return row!;
    },

    /** The listing with its organisation, locked for the rest of the transaction when `lock` is set. */
    async findRecord(id: string, tx: Executor = db, lock = false): Promise<ListingRecord | undefined> {
      const query = records(tx).where(eq(services.id, id)).limit(1);
      const [row] = lock ? await query.for('update', { of: services }) : await query;
      return row;
    },

    async slugTaken(slug: string, tx: Executor = db): Promise<boolean> {
      const rows = await tx.select({ id: services.id }).from(services).where(eq(services.slug, slug)).limit(1);
      return rows.length > 0;
    },

    async cqcLocationTaken(cqcLocationId: string, exceptId: string, tx: Executor = db): Promise<boolean> {
      const rows = await tx
        .select({ id: services.id })
        .from(services)
        .where(and(eq(services.cqcLocationId, cqcLocationId), ne(services.id, exceptId)))
        .limit(1);
      return rows.length > 0;
    },

    async listForMember(userId: string, tx: Executor = db): Promise<ListingRecord[]> {
      const mine = tx
        .select({ id: organisationMembers.organisationId })
        .from(organisationMembers)
        .where(eq(organisationMembers.userId, userId));
      return records(tx)
        .where(inArray(services.organisationId, mine))
        .orderBy(asc(organisations.name), asc(services.name));
    },

    async listByStatus(status: ServiceStatus, offset: number, limit: number, tx: Executor = db) {
      const [items, [total]] = await readAll(tx, [
        () =>
          records(tx)
            .where(eq(services.status, status))
            // Oldest first: the queue is worked in the order providers asked.
            .orderBy(asc(services.updatedAt), asc(services.id))
            .offset(offset)
            .limit(limit),
        () => tx.select({ n: count() }).from(services).where(eq(services.status, status)),
      ]);
      return { items, total: total?.n ?? 0 };
    },

    async appendModerationAction(values: typeof moderationActions.$inferInsert, tx: Executor = db): Promise<void> {
      await tx.insert(moderationActions).values(values);
    },

    async moderationHistory(targetId: string, tx: Executor = db) {
      return tx
        .select()
        .from(moderationActions)
        .where(and(eq(moderationActions.targetId, targetId)))
        .orderBy(desc(moderationActions.at));
    },
  };
}
export type ListingRepository = ReturnType<typeof createListingRepository>;
