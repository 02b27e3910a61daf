// Drizzle queries for service listings as the public sees them.
import { and, asc, count, eq, gt, inArray, or, sql } from 'drizzle-orm';
import {
  organisationMembers,
  organisations,
  serviceCqcRatings,
  servicePhotos,
  serviceRatings,
  services,
  type Database,
  type Executor,
  type ServiceRow,
  type OrganisationRow,
  type ServiceRatingRow,
  type CqcKeyQuestionRow,
} from '@care-assist/db';

// presenters.ts (the service page) still takes these from here; the types themselves live in packages/db.
export type { CqcKeyQuestionRow, ServiceRatingRow, ServiceRow };

export interface PublicServiceRecord {
  service: ServiceRow;
  organisation: OrganisationRow;
  rating: ServiceRatingRow | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createServiceRepository(db: Database) {
  const publicRecords = (tx: Executor) =>
    tx
      .select({ service: services, organisation: organisations, rating: serviceRatings })
      .from(services)
      .innerJoin(organisations, eq(organisations.id, services.organisationId))
      .leftJoin(serviceRatings, eq(serviceRatings.serviceId, services.id));

  return {
    /** How many people run the organisation here: none means an imported listing still waiting to be claimed. */
    async memberCount(organisationId: string, tx: Executor = db): Promise<number> {
      const [row] = await tx
        .select({ n: count() })
        .from(organisationMembers)
        .where(eq(organisationMembers.organisationId, organisationId));
      return row?.n ?? 0;
    },

    async findPublishedByIdOrSlug(idOrSlug: string, tx: Executor = db): Promise<PublicServiceRecord | undefined> {
      const match = UUID.test(idOrSlug)
        ? or(eq(services.id, idOrSlug), eq(services.slug, idOrSlug))
        : eq(services.slug, idOrSlug);
      const [row] = await publicRecords(tx)
        .where(and(match, eq(services.status, 'published')))
        .limit(1);
      return row;
    },

    async findPublishedById(id: string, tx: Executor = db): Promise<PublicServiceRecord | undefined> {
      const [row] = await publicRecords(tx)
        .where(and(eq(services.id, id), eq(services.status, 'published')))
        .limit(1);
      return row;
    },

    async findPublishedByIds(ids: string[], tx: Executor = db): Promise<PublicServiceRecord[]> {
      if (ids.length === 0) return [];
      return publicRecords(tx).where(and(inArray(services.id, ids), eq(services.status, 'published')));
    },

    /** Published services in id order, a page at a time (keyset paging, so it stays fast at 50,000). */
    async *publishedInBatches(batchSize = 500, tx: Executor = db): AsyncGenerator<PublicServiceRecord[]> {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = await publicRecords(tx)
          .where(and(eq(services.status, 'published'), gt(services.id, after)))
          .orderBy(asc(services.id))
          .limit(batchSize);
        if (rows.length === 0) return;
        yield rows;
        after = rows[rows.length - 1]!.service.id;
      }
    },

    /** Towns that have a published service, starting with `prefix` (for as-you-type suggestions). */
    async townsStartingWith(prefix: string, limit: number, tx: Executor = db): Promise<string[]> {
      // lower(town) LIKE 'prefix%' can use services_published_town_prefix_idx; ILIKE could not.
      const pattern = `${prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await tx
        .selectDistinct({ town: services.town })
        .from(services)
        .where(and(eq(services.status, 'published'), sql`lower(${services.town}) like ${pattern}`))
        .orderBy(asc(services.town))
        .limit(limit);
      return rows.map((row) => row.town);
    },

    /** Each published town with the postcode districts its services are in, and how many: the place index's input. */
    async townSightings(tx: Executor = db): Promise<{ town: string; outcode: string; services: number }[]> {
      const outcode = sql<string>`split_part(upper(trim(${services.postcode})), ' ', 1)`;
      return tx
        .select({ town: services.town, outcode, services: count() })
        .from(services)
        .where(eq(services.status, 'published'))
        .groupBy(services.town, outcode);
    },

    async cqcKeyQuestions(serviceId: string, tx: Executor = db): Promise<CqcKeyQuestionRow[]> {
      return tx.select().from(serviceCqcRatings).where(eq(serviceCqcRatings.serviceId, serviceId));
    },

    async photos(serviceId: string, tx: Executor = db): Promise<{ fileName: string; altText: string }[]> {
      return tx
        .select({ fileName: servicePhotos.fileName, altText: servicePhotos.altText })
        .from(servicePhotos)
        .where(eq(servicePhotos.serviceId, serviceId))
        .orderBy(asc(servicePhotos.createdAt), asc(servicePhotos.id));
    },

    async countPublished(tx: Executor = db): Promise<number> {
      const [row] = await tx.select({ n: count() }).from(services).where(eq(services.status, 'published'));
      return row?.n ?? 0;
    },
  };
}
export type ServiceRepository = ReturnType<typeof createServiceRepository>;
