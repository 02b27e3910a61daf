// Delivers the e-mail outbox over the MailTransport. Each message is sent inside the transaction that locked it and
// marked sent (or failed, with the reason and a backoff) before that commits. A crash between the SMTP server's
// "accepted" and the commit means the message is sent again: at least once, never twice by two live processes.
import type { Database } from '@care-assist/db';
import { isEmailNotificationKind } from '@care-assist/domain';
import { renderEmail } from './render.ts';
import type { EmailRepository } from './repository.ts';
import type { MailTransport } from './transport.ts';
import type { UnsubscribeTokens } from './unsubscribe-token.ts';

export const MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

/** 1 min, 2 min, 4 min ... capped at 6 hours; eight tries span about four hours. */
export function emailBackoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** Math.max(0, attempts - 1));
}

export interface EmailWorkerDeps {
  db: Database;
  /** The outbox's claim and outcome queries (repository.ts). */
  outbox: EmailRepository;
  transport: MailTransport | null;
  unsubscribeTokens: UnsubscribeTokens;
  councilName: string;
  webOrigin: string;
  clock: () => Date;
  batchSize?: number;
}

export function createEmailWorker(deps: EmailWorkerDeps) {
  const { db, outbox, clock, batchSize = 20 } = deps;

  async function drainOnce(): Promise<{ sent: number; failed: number }> {
    const transport = deps.transport;
    if (!transport) return { sent: 0, failed: 0 };
    return db.transaction(async (tx) => {
      const rows = await outbox.claimDue(clock(), batchSize, tx);
      let sent = 0;
      let failed = 0;
      for (const row of rows) {
        const unsubscribeUrl =
          row.userId && row.kind && isEmailNotificationKind(row.kind)
            ? `${deps.webOrigin}/unsubscribe/${deps.unsubscribeTokens.create(row.userId, row.kind)}`
            : null;
        const email = renderEmail({
          councilName: deps.councilName,
          webOrigin: deps.webOrigin,
          subject: row.subject,
          body: row.body,
          reason: row.reason,
          unsubscribeUrl,
        });
        try {
          await transport.send(row.to, email);
          await outbox.markSent(row.id, clock(), tx);
          sent += 1;
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          const attempts = row.attempts + 1;
          const retry =
            attempts >= MAX_ATTEMPTS
              ? { failedAt: clock() }
              : { nextAttemptAt: new Date(clock().getTime() + emailBackoffMs(attempts)) };
          await outbox.markAttemptFailed(row.id, reason, retry, tx);
          failed += 1;
        }
      }
      return { sent, failed };
    });
  }

  /** Sends until nothing is due (or a whole batch failed: the server is probably down, try again later). */
  async function drainAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const { sent, failed } = await drainOnce();
      total += sent;
      if (sent === 0 || failed > 0) return total;
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  return {
    drainOnce,
    drainAll,
    start(intervalMs: number, onError: (error: unknown) => void) {
      const tick = () => {
        running = drainAll()
          .catch(onError)
          .finally(() => {
            if (timer) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, intervalMs);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
      deps.transport?.close();
    },
  };
}
export type EmailWorker = ReturnType<typeof createEmailWorker>;
