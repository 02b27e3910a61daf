// The council's verification queue: listings waiting for a check, and the decisions on them (publish,
// reject with a reason, suspend), each appended to the moderation audit log in the same transaction.
import {
  nextStatus,
  pageOf,
  pageRequest,
  type ListingAction,
  type ModerationDecision,
  type Organisation,
  type ProviderListing,
  type VerificationItem,
  type VerificationQueue,
  type VerificationQueueQuery,
} from '@care-assist/domain';
import { enqueueServiceSearchSync, type Database } from '@care-assist/db';
import { Conflict, NotFound } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { requirePermission } from '../../access.ts';
import type { OrganisationRepository } from '../organisations/repository.ts';
import { toOrganisation } from '../organisations/service.ts';
import { toProviderListing } from '../listings/presenters.ts';
import type { ListingRecord, ListingRepository } from '../listings/repository.ts';

interface VerificationDeps {
  db: Database;
  listings: ListingRepository;
  organisations: OrganisationRepository;
  clock: () => Date;
}

/** What a moderator should look at before publishing; plain sentences, shown next to the listing. */
function checksFor({ service, organisation }: ListingRecord): string[] {
  const checks: string[] = [];
  if (!organisation.verifiedAt) checks.push('The organisation has not been verified by the council yet.');
  if (!organisation.cqcProviderId) checks.push('The organisation has not given a CQC provider id.');
  else
    checks.push(
      `Check CQC provider ${organisation.cqcProviderId} at https://www.cqc.org.uk/provider/${organisation.cqcProviderId}`,
    );
  if (!service.cqcLocationId) checks.push('The listing has no CQC location id: is this care regulated?');
  else
    checks.push(
      `Check CQC location ${service.cqcLocationId} at https://www.cqc.org.uk/location/${service.cqcLocationId}`,
    );
  return checks;
}

function toItem(record: ListingRecord): VerificationItem {
  const { organisation } = record;
  return {
    listing: toProviderListing(record),
    organisation: {
      id: organisation.id,
      name: organisation.name,
      sector: organisation.sector,
      cqcProviderId: organisation.cqcProviderId,
      verifiedAt: organisation.verifiedAt?.toISOString() ?? null,
    },
    checks: checksFor(record),
  };
}

export function createVerificationService({ db, listings, organisations, clock }: VerificationDeps) {
  async function decide(
    actor: Actor | null,
    id: string,
    action: Exclude<ListingAction, 'submit'>,
    decision: { reasonCode?: string | undefined; note?: string | undefined },
  ): Promise<ProviderListing> {
    const who = requirePermission(actor, 'verify_providers');
    return db.transaction(async (tx) => {
      const record = await listings.findRecord(id, tx, true);
      if (!record) throw new NotFound('There is no listing with that id.');
      const from = record.service.status;
      const to = nextStatus(action, from);
      if (!to) throw new Conflict(`A ${from} listing cannot be ${action === 'publish' ? 'published' : `${action}ed`}.`);
      const now = clock();
      const row = await listings.update(
        id,
        {
          status: to,
          moderatedAt: now,
          moderationReasonCode: action === 'publish' ? null : (decision.reasonCode ?? null),
          moderationNote: action === 'publish' ? null : (decision.note ?? null),
          updatedAt: now,
        },
        tx,
      );
      await listings.appendModerationAction(
        {
          actorId: who.userId,
          targetType: 'service',
          targetId: id,
          action,
          reasonCode: decision.reasonCode ?? null,
          note: decision.note ?? null,
          details: { from, to },
          at: now,
        },
        tx,
      );
      await enqueueServiceSearchSync(tx, [id]);
      return toProviderListing({ service: row, organisation: record.organisation });
    });
  }

  return {
    async queue(actor: Actor | null, query: VerificationQueueQuery): Promise<VerificationQueue> {
      requirePermission(actor, 'verify_providers');
      const page = pageRequest(query, 50);
      const { items, total } = await listings.listByStatus(query.status ?? 'pending', page.offset, page.limit);
      return pageOf(items.map(toItem), total, page);
    },

    async get(actor: Actor | null, id: string): Promise<VerificationItem> {
      requirePermission(actor, 'verify_providers');
      const record = await listings.findRecord(id);
      if (!record) throw new NotFound('There is no listing with that id.');
      return toItem(record);
    },

    publish: (actor: Actor | null, id: string, note?: string) => decide(actor, id, 'publish', { note }),
    reject: (actor: Actor | null, id: string, decision: ModerationDecision) => decide(actor, id, 'reject', decision),
    suspend: (actor: Actor | null, id: string, decision: ModerationDecision) => decide(actor, id, 'suspend', decision),

    /** The council has checked who the organisation is (CQC registration, company or charity number). */
    async verifyOrganisation(actor: Actor | null, id: string, note?: string): Promise<Organisation> {
      const who = requirePermission(actor, 'verify_providers');
      return db.transaction(async (tx) => {
        const organisation = await organisations.findById(id, tx);
        if (!organisation) throw new NotFound('There is no organisation with that id.');
        const now = clock();
        const row = await organisations.update(id, { verifiedAt: now, verifiedBy: who.userId, updatedAt: now }, tx);
        await listings.appendModerationAction(
          {
            actorId: who.userId,
            targetType: 'organisation',
            targetId: id,
            action: 'verify',
            note: note ?? null,
            at: now,
          },
          tx,
        );
        return toOrganisation(row, null);
      });
    },
  };
}
export type VerificationService = ReturnType<typeof createVerificationService>;
