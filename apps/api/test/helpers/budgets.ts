// Builders for the money tests: people in each role with a signed access token, a provider organisation
// with a published service, and short-hands for calling the API as one of them.
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { UserRole } from '@care-assist/domain';
import { budgetLedger, organisationMembers, users, type Database } from '@care-assist/db';
import { makeOrganisation, makeService } from './factories.ts';
import type { TestContext } from './test-app.ts';

export interface Person {
  id: string;
  email: string;
  role: UserRole;
  token: string;
}

export async function makePerson(ctx: TestContext, role: UserRole, name = `Test ${role}`): Promise<Person> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const [row] = await ctx.database.handle.db
    .insert(users)
    .values({ email, passwordHash: 'not-a-real-hash', displayName: name, role })
    .returning();
  return { id: row!.id, email, role, token: ctx.app.jwt.sign({ sub: row!.id, role }) };
}

/** A provider organisation with one member and a published home-care service. */
export async function makeProvider(ctx: TestContext, overrides: { status?: 'published' | 'draft' } = {}) {
  const db = ctx.database.handle.db;
  const organisation = await makeOrganisation(db);
  const member = await makePerson(ctx, 'provider', 'Pat Provider');
  await db.insert(organisationMembers).values({ organisationId: organisation.id, userId: member.id, role: 'owner' });
  const service = await makeService(db, { organisationId: organisation.id, status: overrides.status ?? 'published' });
  return { organisation, member, service };
}

export function caller(ctx: TestContext) {
  return async (
    who: Person | null,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    idempotencyKey?: string | false,
  ) => {
    const headers: Record<string, string> = {};
    if (who) headers.authorization = `Bearer ${who.token}`;
    if (idempotencyKey !== false && method === 'POST') headers['idempotency-key'] = idempotencyKey ?? randomUUID();
    return ctx.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  };
}

export async function ledgerRowCount(db: Database, budgetAccountId?: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(budgetLedger)
    .where(budgetAccountId ? eq(budgetLedger.budgetAccountId, budgetAccountId) : undefined);
  return row?.n ?? 0;
}

/** ISO date `days` after today (UTC). */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * What a resident's accept names (issue 13 #3): the quote they saw, read from the booking as they would see it.
 * Someone who cannot see the booking gets a placeholder; they are refused before the quote is compared.
 */
export async function seenQuote(ctx: TestContext, who: Person, bookingId: string) {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/v1/bookings/${bookingId}`,
    headers: { authorization: `Bearer ${who.token}` },
  });
  const quote =
    res.statusCode === 200 ? res.json<{ quote: { weeklyPence: number; quotedAt: string } | null }>().quote : null;
  return quote ? { quotedWeeklyPence: quote.weeklyPence, quotedAt: quote.quotedAt } : { quotedWeeklyPence: 1 };
}
