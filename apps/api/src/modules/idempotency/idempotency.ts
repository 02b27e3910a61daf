// Makes a money-moving request safe to retry. The key is claimed inside the same transaction as the work, so
// either both happen or neither does: a retry with the same key and body gets the first answer back and moves
// no money; the same key with a different body (or route) is refused with 422. Two concurrent requests with
// one key serialise on the unique index: the second waits, then replays the first one's answer.
import { createHash } from 'node:crypto';
import type { Database, Executor } from '@care-assist/db';
import type { IdempotencyKeyRepository } from './repository.ts';
import { UnprocessableContent } from '../../errors.ts';

export interface IdempotencyScope {
  key: string;
  /** Method and route pattern, e.g. "POST /api/v1/bookings/:id/accept". */
  route: string;
  /** Hash of the route's params and body; see requestHash(). */
  requestHash: string;
  /** The status the route answers with when the work succeeds; stored with the answer and replayed with it. */
  status: number;
}

export interface StoredAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** A stable hash of a request: the same params and body in any key order give the same hash. */
export function requestHash(route: string, params: unknown, body: unknown): string {
  return createHash('sha256').update(stableJson({ route, params, body })).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function createIdempotency({ db, keys }: { db: Database; keys: IdempotencyKeyRepository }) {
  return {
    /**
     * Runs `work` once per (user, key) in one transaction. `work` gets the transaction and the idempotency
     * record's id (written on ledger entries so a request can never add the same kind of entry twice), and
     * gives the answer's body; the status is the route's (scope.status).
     */
    async run<T>(
      userId: string,
      scope: IdempotencyScope,
      work: (tx: Executor, idempotencyId: string) => Promise<T>,
    ): Promise<StoredAnswer<T>> {
      return db.transaction(async (tx) => {
        const claimed = await keys.claim(
          { userId, key: scope.key, route: scope.route, requestHash: scope.requestHash },
          tx,
        );
        if (!claimed) {
          const first = await keys.find(userId, scope.key, tx);
          if (!first || first.requestHash !== scope.requestHash || first.responseStatus === null) {
            throw new UnprocessableContent(
              'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
            );
          }
          return { status: first.responseStatus, body: first.responseBody as T, replayed: true };
        }
        const body = await work(tx, claimed.id);
        await keys.storeAnswer(claimed.id, scope.status, body, tx);
        return { status: scope.status, body, replayed: false };
      });
    },
  };
}
export type Idempotency = ReturnType<typeof createIdempotency>;

/**
 * The idempotency scope of a request whose schema requires the Idempotency-Key header, answered with `status`
 * when the work succeeds (the route's choice: 201 when it creates something, 200 otherwise).
 */
export function scopeOf(
  request: {
    method: string;
    routeOptions: { url?: string | undefined };
    params: unknown;
    body: unknown;
    headers: Record<string, unknown>;
  },
  status: 200 | 201,
): IdempotencyScope {
  const route = `${request.method} ${request.routeOptions.url ?? ''}`;
  return {
    key: String(request.headers['idempotency-key']),
    route,
    requestHash: requestHash(route, request.params, request.body),
    status,
  };
}

/**
 * Sends a stored answer as it was first given, saying whether this one is a replay. A 201 names what was
 * created in Location (the same on a replay).
 */
export function sendStoredAnswer<
  Reply extends { code(status: number): Reply; header(name: string, value: string): Reply; send(body: unknown): Reply },
>(reply: Reply, answer: StoredAnswer<unknown>, location?: string): Reply {
  if (answer.status === 201 && location) reply.header('location', location);
  return reply.code(answer.status).header('idempotent-replayed', String(answer.replayed)).send(answer.body);
}
