// Test data builders: tests state only what matters to them and take realistic defaults for the rest.
import { randomUUID } from 'node:crypto';
import type { UserRole } from '@care-assist/domain';
import { organisationMembers, organisations, serviceRatings, services, users, type Database } from '@care-assist/db';
import type { TestContext } from './test-app.ts';

type NewService = typeof services.$inferInsert;
type NewOrganisation = typeof organisations.$inferInsert;

export async function makeOrganisation(db: Database, overrides: Partial<NewOrganisation> = {}) {
  const [row] = await db
    .insert(organisations)
    .values({ name: `Test Care Ltd ${randomUUID().slice(0, 6)}`, sector: 'private', ...overrides })
    .returning();
  return row!;
}

export async function makeService(db: Database, overrides: Partial<NewService> & { organisationId: string }) {
  const name = overrides.name ?? `Test Service ${randomUUID().slice(0, 8)}`;
  const [row] = await db
    .insert(services)
    .values({
      name,
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      summary: 'Friendly support at home for older people.',
      description: 'A test service.',
      careTypes: ['home_care'],
      addressLine1: '1 High Street',
      town: 'Chelmsford',
      county: 'Essex',
      postcode: 'CM1 1AA',
      latitude: 51.7356,
      longitude: 0.4685,
      pricePerHourPence: 2850,
      fundingAccepted: ['self_funded', 'personal_budget'],
      cqcRating: 'good',
      status: 'published',
      ...overrides,
    })
    .returning();
  await db.insert(serviceRatings).values({ serviceId: row!.id });
  return row!;
}

export async function makeMember(db: Database, organisationId: string, userId: string) {
  await db.insert(organisationMembers).values({ organisationId, userId, role: 'owner' });
}
type NewUser = typeof users.$inferInsert;

/**
 * The one way tests make a user: a row with an unusable password hash (tests sign access tokens for it
 * directly: argon2 is slow), or the hash they pass.
 */
export async function makeUserRow(db: Database, overrides: Partial<NewUser> = {}) {
  const role = overrides.role ?? 'resident';
  const [row] = await db
    .insert(users)
    .values({
      email: `${role}-${randomUUID().slice(0, 8)}@example.test`,
      passwordHash: 'not-a-real-hash',
      displayName: 'Test Person',
      role,
      ...overrides,
    })
    .returning();
  return row!;
}

/** A user with a given role, and a valid access token for them. */
export async function makeUser(
  app: { jwt: { sign(claims: { sub: string; role: UserRole }): string } },
  db: Database,
  role: UserRole = 'resident',
  displayName = 'Pat Example',
) {
  const user = await makeUserRow(db, { role, displayName });
  const token = app.jwt.sign({ sub: user.id, role });
  return { ...user, role, token, auth: { authorization: `Bearer ${token}` } };
}

/** Someone who calls the API in a test: who they are and their access token. */
export interface Person {
  id: string;
  email: string;
  role: UserRole;
  token: string;
}

/** makeUser for a test app context, named for what the test reads (`Test resident` unless told). */
export async function makePerson(ctx: TestContext, role: UserRole, name = `Test ${role}`): Promise<Person> {
  return makeUser(ctx.app, ctx.database.handle.db, role, name);
}

/** A provider organisation with one member and a published home-care service. */
export async function makeProvider(ctx: TestContext, overrides: { status?: 'published' | 'draft' } = {}) {
  const db = ctx.database.handle.db;
  const organisation = await makeOrganisation(db);
  const member = await makePerson(ctx, 'provider', 'Pat Provider');
  await addMember(db, organisation.id, member.id, 'owner');
  const service = await makeService(db, { organisationId: organisation.id, status: overrides.status ?? 'published' });
  return { organisation, member, service };
}

/** Adds a member to an organisation without the invitation dance. */
export async function addMember(db: Database, organisationId: string, userId: string, role: 'owner' | 'staff') {
  await db.insert(organisationMembers).values({ organisationId, userId, role });
}

/** A complete, valid body for POST /api/v1/provider/services. */
export const listingBody = (organisationId: string, overrides: Record<string, unknown> = {}) => ({
  organisationId,
  name: 'Galleywood Home Support',
  summary: 'Personal care and companionship at home across Chelmsford.',
  description: 'Visits from 30 minutes, seven days a week.',
  careTypes: ['home_care'],
  specialisms: ['dementia', 'older_people'],
  addressLine1: '12 Watchouse Road',
  town: 'Chelmsford',
  county: 'Essex',
  postcode: 'cm2 8aa',
  areaServedKm: 12,
  pricePerHourPence: 2950,
  fundingAccepted: ['self_funded', 'personal_budget'],
  acceptingNewClients: true,
  languages: ['English', 'Polish'],
  openingDetails: 'Monday to Sunday, 7am to 10pm',
  ...overrides,
});
