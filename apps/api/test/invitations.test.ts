// A provider invitation from the e-mail to membership, for a person who has no account yet: the link read from the
// mail catcher says what it is for without signing in, the person creates an account with the invited address, and
// accepting joins the organisation and confirms the address. Used, forged and expired links change nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationMembers } from '@care-assist/db';
import type { AuthResponse, InvitationPreview, Organisation, User } from '@care-assist/domain';
import { makeUserRow } from './helpers/factories.ts';
import { bearer, buildTestApp, expectProblem, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

async function inviteToNewOrganisation(name: string, email: string) {
  const owner = await makeUserRow(ctx.database.handle.db, { role: 'provider' });
  const org = (
    await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: bearer(ctx, owner),
      payload: { name, sector: 'private' },
    })
  ).json<Organisation>();
  const invited = await ctx.app.inject({
    method: 'POST',
    url: `/api/v1/organisations/${org.id}/members`,
    headers: bearer(ctx, owner),
    payload: { email, role: 'staff' },
  });
  expect(invited.statusCode, invited.body).toBe(201);
  await ctx.deliverMail();
  const message = ctx.mail.to(email).find((m) => m.subject.includes(name));
  const link = message?.links.find((l) => l.includes('/provider/invitations/'));
  if (!link) throw new Error(`no invitation e-mail to ${email}`);
  return { org, message: message!, token: link.split('/').pop()! };
}

const preview = (token: string) => ctx.app.inject({ method: 'GET', url: `/api/v1/organisations/invitations/${token}` });

describe('an invitation to someone with no account', () => {
  it('lets them create an account from the e-mailed link and join, confirmed, once', async () => {
    const email = `new.carer-${Date.now()}@example.test`;
    const { org, message, token } = await inviteToNewOrganisation('Writtle Home Care', email);
    expect(message.text).toContain('create a provider account with this e-mail address');

    const seen = await preview(token);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json<InvitationPreview>()).toMatchObject({
      organisationName: 'Writtle Home Care',
      email,
      role: 'staff',
    });

    const registered = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email, password: 'joining the team 2026', displayName: 'Nia New', role: 'provider' },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { accessToken, user } = registered.json<AuthResponse>();
    expect(user.emailVerified).toBe(false);

    const accepted = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/organisations/invitations/accept',
      headers: { authorization: `Bearer ${accessToken}` },
      payload: { token },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<Organisation>()).toMatchObject({ id: org.id, myRole: 'staff' });
    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.json<User>().emailVerified).toBe(true);
    const [member] = await ctx.database.handle.db
      .select()
      .from(organisationMembers)
      .where(eq(organisationMembers.userId, user.id));
    expect(member).toMatchObject({ organisationId: org.id, role: 'staff' });

    // Used: the link now says so, and accepting again changes nothing.
    expect(expectProblem(await preview(token), 409).detail).toContain('already been used');
  });

  it('refuses a forged or expired link, and a different address, changing nothing', async () => {
    expectProblem(await preview('f'.repeat(43)), 404);
    expectProblem(await preview('short'), 400);

    const email = `late.carer-${Date.now()}@example.test`;
    const { org, token } = await inviteToNewOrganisation('Boreham Carers', email);
    const someoneElse = await makeUserRow(ctx.database.handle.db, { role: 'provider' });
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/organisations/invitations/accept',
        headers: bearer(ctx, someoneElse),
        payload: { token },
      }),
      403,
    );
    ctx.clock.now = new Date(Date.now() + 15 * 86_400_000);
    try {
      expect(expectProblem(await preview(token), 409).detail).toContain('expired');
    } finally {
      ctx.clock.now = null;
    }
    const members = await ctx.database.handle.db
      .select()
      .from(organisationMembers)
      .where(eq(organisationMembers.organisationId, org.id));
    expect(members.map((m) => m.role)).toEqual(['owner']);
  });
});
