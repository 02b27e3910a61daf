// Test data builders: tests state only what matters to them and take realistic defaults for the rest.
import { randomUUID } from 'node:crypto';
import type { UserRole } from '@care-assist/domain';
import { organisationMembers, organisations, serviceRatings, services, users, type Database } from '@care-assist/db';

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

/** A user with a given role, and a valid access token for them (no password round trip: argon2 is slow). */
export async function makeUser(
  app: { jwt: { sign(claims: { sub: string; role: UserRole }): string } },
  db: Database,
  role: UserRole = 'resident',
  displayName = 'Pat Example',
) {
  const [user] = await db
    .insert(users)
    .values({ email: `${role}-${randomUUID()}@example.test`, passwordHash: 'not-a-real-hash', displayName, role })
    .returning();
  const token = app.jwt.sign({ sub: user!.id, role });
  return { ...user!, token, auth: { authorization: `Bearer ${token}` } };
}

export async function makeMember(db: Database, organisationId: string, userId: string) {
  await db.insert(organisationMembers).values({ organisationId, userId, role: 'owner' });
}
