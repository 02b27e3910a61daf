// E-mail delivery: the outbox is drained over real SMTP into the in-process mail catcher, with the council's name,
// an HTML alternative, a footer and (for notifications) a one-click unsubscribe; failures are retried with backoff and
// recorded; two workers draining at once never send a message twice.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationPreferences, outboundMessages } from '@care-assist/db';
import type { Organisation } from '@care-assist/domain';
import { queueEmail, queueNotificationEmails } from '../src/modules/email/outbox.ts';
import { createEmailRepository } from '../src/modules/email/repository.ts';
import { createSmtpTransport } from '../src/modules/email/transport.ts';
import { createUnsubscribeTokens } from '../src/modules/email/unsubscribe-token.ts';
import { createEmailWorker, MAX_ATTEMPTS } from '../src/modules/email/worker.ts';
import { makeUserRow } from './helpers/factories.ts';
import { bearer, buildTestApp, type TestContext } from './helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp({ COUNCIL_NAME: 'Testshire Council' });
});
afterAll(() => ctx.close());

function workerWith(smtpUrl: string, clock = () => new Date()) {
  const db = ctx.database.handle.db;
  return createEmailWorker({
    db,
    outbox: createEmailRepository(db),
    transport: createSmtpTransport(smtpUrl, 'Care Assist <no-reply@example.test>'),
    unsubscribeTokens: createUnsubscribeTokens(ctx.config.jwtSecret),
    councilName: 'Testshire Council',
    webOrigin: ctx.config.webOrigin,
    clock,
  });
}

describe('sending the outbox', () => {
  it('delivers a provider invitation with text, HTML, the council and a footer, and marks it sent', async () => {
    const db = ctx.database.handle.db;
    const owner = await makeUserRow(db, { role: 'provider' });
    const org = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: bearer(ctx, owner),
        payload: { name: 'Writtle Care', sector: 'private' },
      })
    ).json<Organisation>();
    const invited = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${org.id}/members`,
      headers: bearer(ctx, owner),
      payload: { email: 'robin.invited@example.test', role: 'staff' },
    });
    expect(invited.statusCode).toBe(201);

    expect(await ctx.deliverMail()).toBeGreaterThanOrEqual(1);
    const [message] = ctx.mail.to('robin.invited@example.test');
    expect(message?.subject).toBe('You are invited to help run Writtle Care on Care Assist');
    expect(message?.text).toContain('Care Assist is a service from Testshire Council.');
    expect(message?.text).toContain('Why you got this e-mail:');
    expect(message?.text).toContain(`${ctx.config.webOrigin}/account/notifications`);
    expect(message?.html).toContain('<a href="http://localhost:3000/provider/invitations/');
    // Account and invitation mail cannot be unsubscribed from: no List-Unsubscribe.
    expect(message?.headers['list-unsubscribe']).toBeUndefined();

    const [row] = await db.select().from(outboundMessages).where(eq(outboundMessages.to, 'robin.invited@example.test'));
    expect(row?.sentAt).not.toBeNull();
    expect(message?.links).toContain(row!.link);
  });

  it('adds a one-click unsubscribe for notification kinds, and respects a switched-off preference', async () => {
    const db = ctx.database.handle.db;
    const wants = await makeUserRow(db);
    const switchedOff = await makeUserRow(db);
    const unverified = await makeUserRow(db, { emailVerifiedAt: null });
    await db.insert(notificationPreferences).values({ userId: switchedOff.id, kind: 'quote_received', email: false });
    const queued = await queueNotificationEmails(db, [wants.id, switchedOff.id, unverified.id], 'quote_received', {
      subject: 'You have a quote from Writtle Care',
      body: 'Writtle Care sent you a quote. Open it here: http://localhost:3000/bookings/1',
      link: 'http://localhost:3000/bookings/1',
    });
    expect(queued).toBe(1);
    await ctx.deliverMail();
    expect(ctx.mail.to(switchedOff.email)).toEqual([]);
    expect(ctx.mail.to(unverified.email)).toEqual([]);
    const [message] = ctx.mail.to(wants.email);
    expect(message?.text).toContain('You asked a provider for a quote on Care Assist.');
    const unsubscribe = message?.headers['list-unsubscribe'];
    expect(unsubscribe).toMatch(/^<http:\/\/localhost:3000\/unsubscribe\/[\w-]+\.[\w-]+>$/);
    expect(message?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(message?.links).toContain(unsubscribe!.slice(1, -1));
  });
});

describe('when the mail server is down', () => {
  it('records the reason, backs off, and gives up after the last attempt', async () => {
    const db = ctx.database.handle.db;
    await queueEmail(db, { to: 'nobody-home@example.test', subject: 'Test', body: 'Hello' });
    let now = new Date();
    const down = workerWith('smtp://127.0.0.1:9', () => now);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await down.drainOnce()).toMatchObject({ sent: 0, failed: 1 });
      const [row] = await db.select().from(outboundMessages).where(eq(outboundMessages.to, 'nobody-home@example.test'));
      expect(row?.attempts).toBe(attempt);
      expect(row?.lastError).toMatch(/ECONNREFUSED|connect/i);
      if (attempt < MAX_ATTEMPTS) {
        expect(row?.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
        // Not due again until the backoff has passed.
        expect(await down.drainOnce()).toEqual({ sent: 0, failed: 0 });
        now = new Date(row!.nextAttemptAt.getTime() + 1);
      } else {
        expect(row?.failedAt).not.toBeNull();
      }
    }
    // Given up: a working server later does not receive it.
    await ctx.deliverMail();
    expect(ctx.mail.to('nobody-home@example.test')).toEqual([]);
    await down.stop();
  });
});

describe('two API processes draining at once', () => {
  it('sends each message exactly once', async () => {
    const db = ctx.database.handle.db;
    const addresses = Array.from({ length: 30 }, (_, i) => `twice-${i}@example.test`);
    for (const to of addresses) await queueEmail(db, { to, subject: 'Once only', body: 'Hello' });
    const first = workerWith(ctx.mail.smtpUrl);
    const second = workerWith(ctx.mail.smtpUrl);
    const [a, b] = await Promise.all([first.drainAll(), second.drainAll()]);
    expect(a + b).toBe(30);
    const received = ctx.mail.messages().filter((m) => m.subject === 'Once only');
    expect(received).toHaveLength(30);
    expect(new Set(received.map((m) => m.to[0])).size).toBe(30);
    const rows = await db.select().from(outboundMessages).where(inArray(outboundMessages.to, addresses));
    expect(rows.every((r) => r.sentAt && r.attempts === 1)).toBe(true);
    await Promise.all([first.stop(), second.stop()]);
  });
});
