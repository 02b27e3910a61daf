// Data we keep only for a while, purged on a schedule: search-outbox rows already applied to the index,
// idempotency keys past the window in which a client may retry, refresh tokens past their expiry (expired tokens
// are refused anyway, so nothing needs them), the anonymous search events past the configured period, and the text
// left on a deleted account's bookings once the council no longer has to keep it (financial-records.ts).
// Several API processes may run the schedule: a transaction-level advisory lock lets one purge at a time.
import { and, isNotNull, lt, or, sql } from 'drizzle-orm';
import {
  accountTokens,
  emailRequestThrottles,
  idempotencyKeys,
  outboundMessages,
  refreshTokens,
  searchEvents,
  searchOutbox,
  type Database,
} from '@care-assist/db';
import { purgeExpiredFinancialText } from './financial-records.ts';

export interface RetentionPolicy {
  /** Applied search-outbox rows are kept this long (for diagnosing sync problems). */
  processedOutboxDays: number;
  /** A money-moving request may be retried with its Idempotency-Key for this long. */
  idempotencyKeyDays: number;
  /** The anonymous search log behind the council's demand insight. */
  searchEventDays: number;
  /** E-mails already sent (or given up on): kept this long to answer "did you send me...?", then deleted. */
  emailDays: number;
  /** A deleted account's bookings keep their text this many years after their financial year (financial-records.ts). */
  financialRecordYears: number;
}

export interface RetentionReport {
  processedOutboxRows: number;
  idempotencyKeys: number;
  refreshTokens: number;
  searchEvents: number;
  /** Sent or failed e-mails past emailDays. */
  emails: number;
  /** E-mailed links (verification, reset, change of address) a day past their expiry, used or not. */
  accountTokens: number;
  /** Counters of e-mail requests whose hour is long over. */
  emailThrottles: number;
  /** Bookings of deleted accounts whose remaining text was removed, past financialRecordYears. */
  expiredBookingTexts: number;
  /** False when another process held the lock and this run did nothing. */
  ran: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Fixed key for the purge's advisory lock (distinct from the migration lock). */
const RETENTION_LOCK_KEY = 7_316_002_518;

export function createRetention({ db, policy, clock }: { db: Database; policy: RetentionPolicy; clock: () => Date }) {
  return {
    async purge(): Promise<RetentionReport> {
      const now = clock();
      const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
      return db.transaction(async (tx) => {
        const locked = await tx.execute<{ locked: boolean }>(
          sql`select pg_try_advisory_xact_lock(${RETENTION_LOCK_KEY}) as locked`,
        );
        if (!locked.rows[0]?.locked) {
          return {
            processedOutboxRows: 0,
            idempotencyKeys: 0,
            refreshTokens: 0,
            searchEvents: 0,
            emails: 0,
            accountTokens: 0,
            emailThrottles: 0,
            expiredBookingTexts: 0,
            ran: false,
          };
        }
        const outbox = await tx
          .delete(searchOutbox)
          .where(
            and(isNotNull(searchOutbox.processedAt), lt(searchOutbox.processedAt, before(policy.processedOutboxDays))),
          )
          .returning({ id: searchOutbox.id });
        const keys = await tx
          .delete(idempotencyKeys)
          .where(lt(idempotencyKeys.createdAt, before(policy.idempotencyKeyDays)))
          .returning({ id: idempotencyKeys.id });
        const tokens = await tx
          .delete(refreshTokens)
          .where(lt(refreshTokens.expiresAt, now))
          .returning({ id: refreshTokens.id });
        const events = await tx
          .delete(searchEvents)
          .where(lt(searchEvents.occurredAt, before(policy.searchEventDays)))
          .returning({ id: searchEvents.id });
        const emails = await tx
          .delete(outboundMessages)
          .where(
            or(
              lt(outboundMessages.sentAt, before(policy.emailDays)),
              lt(outboundMessages.failedAt, before(policy.emailDays)),
            ),
          )
          .returning({ id: outboundMessages.id });
        const links = await tx
          .delete(accountTokens)
          .where(lt(accountTokens.expiresAt, before(1)))
          .returning({ id: accountTokens.id });
        const throttles = await tx
          .delete(emailRequestThrottles)
          .where(lt(emailRequestThrottles.windowStart, before(1)))
          .returning({ key: emailRequestThrottles.key });
        return {
          processedOutboxRows: outbox.length,
          idempotencyKeys: keys.length,
          refreshTokens: tokens.length,
          searchEvents: events.length,
          emails: emails.length,
          accountTokens: links.length,
          emailThrottles: throttles.length,
          expiredBookingTexts: await purgeExpiredFinancialText(tx, now, policy.financialRecordYears),
          ran: true,
        };
      });
    },

    /** Purges now and then every `intervalMs`; failures are reported and retried at the next tick. */
    schedule(intervalMs: number, onResult: (report: RetentionReport | Error) => void): () => void {
      const tick = () => {
        this.purge().then(onResult, (error: unknown) =>
          onResult(error instanceof Error ? error : new Error(String(error))),
        );
      };
      const first = setTimeout(tick, 5_000);
      const timer = setInterval(tick, intervalMs);
      first.unref();
      timer.unref();
      return () => {
        clearTimeout(first);
        clearInterval(timer);
      };
    },
  };
}
export type Retention = ReturnType<typeof createRetention>;
