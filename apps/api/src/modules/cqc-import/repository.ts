// Drizzle queries for the CQC import: organisations by CQC provider id, services by CQC location id, and each
// service's CQC key-question ratings.
import { and, eq } from 'drizzle-orm';
import {
  organisations,
  serviceCqcRatings,
  serviceRatings,
  services,
  type CqcKeyQuestionRow,
  type Database,
  type Executor,
  type NewOrganisation,
  type NewService,
  type OrganisationRow,
  type ServiceRow,
} from '@care-assist/db';

export function createCqcImportRepository(db: Database) {
  return {
    async findOrganisationByCqcProviderId(
      cqcProviderId: string,
      tx: Executor = db,
    ): Promise<OrganisationRow | undefined> {
      const [row] = await tx.select().from(organisations).where(eq(organisations.cqcProviderId, cqcProviderId));
      return row;
    },

    async renameOrganisation(id: string, name: string, updatedAt: Date, tx: Executor = db): Promise<void> {
      await tx.update(organisations).set({ name, updatedAt }).where(eq(organisations.id, id));
    },

    async insertOrganisation(values: NewOrganisation, tx: Executor = db): Promise<{ id: string }> {
      const [row] = await tx.insert(organisations).values(values).returning({ id: organisations.id });
      return row!;
    },

    async keyQuestionRatings(serviceId: string, tx: Executor = db): Promise<CqcKeyQuestionRow[]> {
      return tx.select().from(serviceCqcRatings).where(eq(serviceCqcRatings.serviceId, serviceId));
    },

    /** Sets one key question's rating, inserting or replacing it. */
    async upsertKeyQuestionRating(
      values: Omit<CqcKeyQuestionRow, 'updatedAt'>,
      updatedAt: Date,
      tx: Executor = db,
    ): Promise<void> {
      await tx
        .insert(serviceCqcRatings)
        .values({ ...values, updatedAt })
        .onConflictDoUpdate({
          target: [serviceCqcRatings.serviceId, serviceCqcRatings.keyQuestion],
          set: { rating: values.rating, reportDate: values.reportDate, updatedAt },
        });
    },

    async deleteKeyQuestionRating(
      serviceId: string,
      keyQuestion: CqcKeyQuestionRow['keyQuestion'],
      tx: Executor = db,
    ): Promise<void> {
      await tx
        .delete(serviceCqcRatings)
        .where(and(eq(serviceCqcRatings.serviceId, serviceId), eq(serviceCqcRatings.keyQuestion, keyQuestion)));
    },

    async isSlugTaken(slug: string, tx: Executor = db): Promise<boolean> {
      const taken = await tx.select({ id: services.id }).from(services).where(eq(services.slug, slug)).limit(1);
      return taken.length > 0;
    },

    /** The service with this CQC location id, locked until the transaction ends. */
    async findServiceByCqcLocationIdForUpdate(
      cqcLocationId: string,
      tx: Executor = db,
    ): Promise<ServiceRow | undefined> {
      const [row] = await tx.select().from(services).where(eq(services.cqcLocationId, cqcLocationId)).for('update');
      return row;
    },

    /** A new service and its (empty) ratings row. */
    async insertService(values: NewService, tx: Executor = db): Promise<{ id: string }> {
      const [row] = await tx.insert(services).values(values).returning({ id: services.id });
      await tx.insert(serviceRatings).values({ serviceId: row!.id });
      return row!;
    },

    async updateService(id: string, values: Partial<NewService>, tx: Executor = db): Promise<void> {
      await tx.update(services).set(values).where(eq(services.id, id));
    },
  };
}
export type CqcImportRepository = ReturnType<typeof createCqcImportRepository>;
