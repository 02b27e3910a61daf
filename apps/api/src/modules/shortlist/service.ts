// Shortlists: a signed-in user keeps services to compare later. Only the owner sees or changes a shortlist;
// anonymous visitors keep theirs in the web app's session and merge it here when they sign in.
import { SHORTLIST_LIMIT, type ServiceSummary } from '@care-assist/domain';
import type { Database } from '@care-assist/db';
import { Conflict, NotFound, Unauthorised } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { toServiceDocument } from '@care-assist/search';
import { toServiceSummary } from '../services/presenters.ts';
import type { ShortlistRepository } from './repository.ts';

interface ShortlistDeps {
  db: Database;
  shortlists: ShortlistRepository;
}

function requireSignIn(actor: Actor | null): Actor {
  if (!actor) throw new Unauthorised('Sign in to keep a shortlist.');
  return actor;
}

export function createShortlistService({ db, shortlists }: ShortlistDeps) {
  async function list(actor: Actor | null): Promise<ServiceSummary[]> {
    const { userId } = requireSignIn(actor);
    const records = await shortlists.listPublished(userId);
    return records.map((record) => toServiceSummary({ ...toServiceDocument(record), distanceKm: null }));
  }

  /** Adds services in one transaction; the list may not grow past SHORTLIST_LIMIT. */
  async function addAll(actor: Actor | null, serviceIds: string[], { skipMissing }: { skipMissing: boolean }) {
    const { userId } = requireSignIn(actor);
    const wanted = [...new Set(serviceIds)];
    await db.transaction(async (tx) => {
      const published = await shortlists.publishedIds(wanted, tx);
      if (!skipMissing && published.length < wanted.length) {
        throw new NotFound('There is no published care service with that id.');
      }
      await shortlists.add(userId, published, tx);
      if ((await shortlists.count(userId, tx)) > SHORTLIST_LIMIT) {
        throw new Conflict(`A shortlist can hold up to ${SHORTLIST_LIMIT} services. Remove some first.`);
      }
    });
    return list(actor);
  }

  return {
    list,
    add: (actor: Actor | null, serviceId: string) => addAll(actor, [serviceId], { skipMissing: false }),
    /** Merges a shortlist kept before signing in; services no longer published are skipped. */
    merge: (actor: Actor | null, serviceIds: string[]) => addAll(actor, serviceIds, { skipMissing: true }),
    async remove(actor: Actor | null, serviceId: string): Promise<ServiceSummary[]> {
      const { userId } = requireSignIn(actor);
      await shortlists.remove(userId, serviceId);
      return list(actor);
    },
  };
}
export type ShortlistService = ReturnType<typeof createShortlistService>;
