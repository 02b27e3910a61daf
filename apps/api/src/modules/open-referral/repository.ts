// Drizzle queries behind the Open Referral API: published services only, and organisations that have at least
// one published service (an organisation with nothing published is not part of the public directory).
import { and, asc, count, eq, exists, gte, ilike, or, sql, type SQL } from 'drizzle-orm';
import {
  organisations,
  readAll,
  services,
  type Database,
  type Executor,
  type ServiceRow,
  type OrganisationRow,
} from '@care-assist/db';

export interface ServiceFilter {
  text?: string;
  careType?: string;
  specialism?: string;
  /** Only services with at least one specialism (the specialism taxonomy asked for as a whole). */
  anySpecialism?: boolean;
  organisationId?: string;
  /** Only services changed at or after this time. */
  modifiedSince?: Date;
  /** Nothing can match (e.g. an age filter no service here meets). */
  none?: boolean;
  near?: { latitude: number; longitude: number; withinKm?: number };
  limit: number;
  offset: number;
}

export interface ServiceListRow {
  service: ServiceRow;
  organisation: OrganisationRow;
  distanceKm: number | null;
}

const EARTH_RADIUS_KM = 6371.0088;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function distanceKm(near: { latitude: number; longitude: number }): SQL<number> {
  return sql<number>`(2 * ${sql.raw(String(EARTH_RADIUS_KM))}::float8 * asin(least(1, sqrt(
    power(sin(radians(${services.latitude} - ${near.latitude}::float8) / 2), 2) +
    cos(radians(${near.latitude}::float8)) * cos(radians(${services.latitude})) *
    power(sin(radians(${services.longitude} - ${near.longitude}::float8) / 2), 2)))))`;
}

function whereFor(filter: Omit<ServiceFilter, 'limit' | 'offset'>): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(services.status, 'published')];
  if (filter.text) {
    const pattern = likePattern(filter.text);
    conditions.push(
      or(
        ilike(services.name, pattern),
        ilike(services.summary, pattern),
        ilike(services.description, pattern),
        ilike(services.town, pattern),
        ilike(organisations.name, pattern),
      ),
    );
  }
  if (filter.careType) conditions.push(sql`${filter.careType} = any(${services.careTypes})`);
  if (filter.specialism) conditions.push(sql`${filter.specialism} = any(${services.specialisms})`);
  if (filter.anySpecialism) conditions.push(sql`cardinality(${services.specialisms}) > 0`);
  if (filter.organisationId) conditions.push(eq(services.organisationId, filter.organisationId));
  if (filter.modifiedSince) conditions.push(gte(services.updatedAt, filter.modifiedSince));
  if (filter.none) conditions.push(sql`false`);
  if (filter.near?.withinKm !== undefined) {
    conditions.push(sql`${distanceKm(filter.near)} <= ${filter.near.withinKm}::float8`);
  }
  return and(...conditions);
}

export function createOpenReferralRepository(db: Database) {
  return {
    /** One page of published services and the total matching, nearest first when a place is given. */
    async listServices(filter: ServiceFilter, tx: Executor = db): Promise<{ rows: ServiceListRow[]; total: number }> {
      const where = whereFor(filter);
      const distance = filter.near ? distanceKm(filter.near) : sql<null>`null::float8`;
      const order = filter.near
        ? [asc(distance), asc(services.name), asc(services.id)]
        : [asc(services.name), asc(services.id)];
      const [rows, [totalRow]] = await readAll(tx, [
        () =>
          tx
            .select({ service: services, organisation: organisations, distanceKm: distance })
            .from(services)
            .innerJoin(organisations, eq(organisations.id, services.organisationId))
            .where(where)
            .orderBy(...order)
            .limit(filter.limit)
            .offset(filter.offset),
        () =>
          tx
            .select({ n: count() })
            .from(services)
            .innerJoin(organisations, eq(organisations.id, services.organisationId))
            .where(where),
      ]);
      return {
        rows: rows.map((row) => ({ ...row, distanceKm: row.distanceKm === null ? null : Number(row.distanceKm) })),
        total: totalRow?.n ?? 0,
      };
    },

    /** Every published service's id (for service_at_location ids, which derive from them). */
    async publishedServiceIds(tx: Executor = db): Promise<string[]> {
      const rows = await tx.select({ id: services.id }).from(services).where(eq(services.status, 'published'));
      return rows.map((row) => row.id);
    },

    async findPublishedService(id: string, tx: Executor = db): Promise<ServiceListRow | undefined> {
      const [row] = await tx
        .select({ service: services, organisation: organisations })
        .from(services)
        .innerJoin(organisations, eq(organisations.id, services.organisationId))
        .where(and(eq(services.id, id), eq(services.status, 'published')))
        .limit(1);
      return row ? { ...row, distanceKm: null } : undefined;
    },

    async listOrganisations(
      page: { limit: number; offset: number },
      tx: Executor = db,
    ): Promise<{ rows: OrganisationRow[]; total: number }> {
      const hasPublished = exists(
        tx
          .select({ one: sql`1` })
          .from(services)
          .where(and(eq(services.organisationId, organisations.id), eq(services.status, 'published'))),
      );
      const [rows, [totalRow]] = await readAll(tx, [
        () =>
          tx
            .select()
            .from(organisations)
            .where(hasPublished)
            .orderBy(asc(organisations.name), asc(organisations.id))
            .limit(page.limit)
            .offset(page.offset),
        () => tx.select({ n: count() }).from(organisations).where(hasPublished),
      ]);
      return { rows, total: totalRow?.n ?? 0 };
    },

    /** The organisation with its published services, or undefined when it has none (not public). */
    async findOrganisation(
      id: string,
      tx: Executor = db,
    ): Promise<{ organisation: OrganisationRow; services: ServiceRow[] } | undefined> {
      const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, id)).limit(1);
      if (!organisation) return undefined;
      const published = await tx
        .select()
        .from(services)
        .where(and(eq(services.organisationId, id), eq(services.status, 'published')))
        .orderBy(asc(services.name), asc(services.id));
      return published.length === 0 ? undefined : { organisation, services: published };
    },
  };
}
export type OpenReferralRepository = ReturnType<typeof createOpenReferralRepository>;
