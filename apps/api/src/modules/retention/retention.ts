// Data we keep only for a while, purged on a schedule: search-outbox rows already applied to the index,
// idempotency keys past the window in which a client may retry, refresh tokens past their expiry (expired tokens
// are refused anyway, so nothing needs them), the anonymous search events past the configured period, and the text
// left on a deleted account's bookings once the council no longer has to keep it (financial-records.ts).
// Several API processes may run the schedule: a transaction-level advisory lock lets one purge at a time.
import type { Database } from '@care-assist/db';
import { financialRecordsCutoff } from './financial-records.ts';
import type { RetentionRepository } from './repository.ts';

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

export function createRetention({
  db,
  retention,
  policy,
  clock,
}: {
  db: Database;
  retention: RetentionRepository;
  policy: RetentionPolicy;
  clock: () => Date;
}) {
  return {
    async purge(): Promise<RetentionReport> {
      const now = clock();
      const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
      return db.transaction(async (tx) => {
        if (!(await retention.tryTransactionLock(RETENTION_LOCK_KEY, tx))) {
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
        const outbox = await retention.deleteProcessedSearchOutbox(before(policy.processedOutboxDays), tx);
        const keys = await retention.deleteIdempotencyKeysCreatedBefore(before(policy.idempotencyKeyDays), tx);
        const tokens = await retention.deleteRefreshTokensExpiredBefore(now, tx);
        const events = await retention.deleteSearchEventsBefore(before(policy.searchEventDays), tx);
        const emails = await retention.deleteFinishedEmailsBefore(before(policy.emailDays), tx);
        const links = await retention.deleteAccountTokensExpiredBefore(before(1), tx);
        const throttles = await retention.deleteEmailThrottlesBefore(before(1), tx);
        return {
          processedOutboxRows: outbox,
          idempotencyKeys: keys,
          refreshTokens: tokens,
          searchEvents: events,
          emails,
          accountTokens: links,
          emailThrottles: throttles,
          expiredBookingTexts: await retention.clearErasedBookingTextBefore(
            financialRecordsCutoff(now, policy.financialRecordYears),
            tx,
          ),
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
