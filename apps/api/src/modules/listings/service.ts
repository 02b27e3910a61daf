// A provider's own listings: create, edit and submit for council review. Every method checks that the
// caller belongs to the listing's organisation, whatever route or caller reaches it.
import { randomBytes } from 'node:crypto';
import {
  changedListingFields,
  isSignificantEdit,
  nextStatus,
  normaliseListingInput,
  type ListingCreate,
  type ListingEditResult,
  type ListingPatch,
  type ProviderListing,
} from '@care-assist/domain';
import { enqueueServiceSearchSync, type Database, type Executor, type NewService } from '@care-assist/db';
import { Conflict, NotFound } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { requireSignIn } from '../../access.ts';
import { requireMembership } from '../organisations/access.ts';
import type { OrganisationRepository } from '../organisations/repository.ts';
import { toProviderListing } from './presenters.ts';
import { locateListingPostcode, slugify } from './location.ts';
import type { RatingAggregator } from '../ratings/aggregator.ts';
import type { ListingRecord, ListingRepository } from './repository.ts';

interface ListingDeps {
  db: Database;
  listings: ListingRepository;
  organisations: OrganisationRepository;
  /** Prices feed value for money across the rating group; where a service is decides its group. */
  aggregator: Pick<RatingAggregator, 'refreshValueScores' | 'refreshForService' | 'refreshGroup'>;
  clock: () => Date;
}

const PRICE_FIELDS = ['pricePerHourPence', 'pricePerVisitPence', 'pricePerNightPence', 'pricePerWeekPence'];

export function createListingService({ db, listings, organisations, aggregator, clock }: ListingDeps) {
  async function uniqueSlug(name: string, town: string, tx: Executor): Promise<string> {
    const base = slugify(name, town) || 'care-service';
    if (!(await listings.slugTaken(base, tx))) return base;
    return `${base}-${randomBytes(3).toString('hex')}`;
  }

  /** The listing, locked, after checking the caller is a member of the organisation that owns it. */
  async function ownListing(actor: Actor | null, id: string, tx: Executor): Promise<ListingRecord> {
    const who = requireSignIn(actor);
    const record = await listings.findRecord(id, tx, true);
    if (!record) throw new NotFound('There is no listing with that id.');
    await requireMembership(organisations, who, record.organisation.id, { tx });
    return record;
  }

  return {
    async listMine(actor: Actor | null): Promise<ProviderListing[]> {
      const who = requireSignIn(actor);
      return (await listings.listForMember(who.userId)).map(toProviderListing);
    },

    async get(actor: Actor | null, id: string): Promise<ProviderListing> {
      return db.transaction(async (tx) => toProviderListing(await ownListing(actor, id, tx)));
    },

    /** A new listing starts as a draft: nothing is public until the council publishes it. */
    async create(actor: Actor | null, input: ListingCreate): Promise<ProviderListing> {
      const body = normaliseListingInput(input);
      return db.transaction(async (tx) => {
        const { organisation } = await requireMembership(organisations, actor, body.organisationId, { tx });
        const { organisationId, postcode, ...fields } = body;
        const located = locateListingPostcode(postcode);
        const now = clock();
        const row = await listings.insert(
          {
            ...fields,
            ...located,
            organisationId,
            slug: await uniqueSlug(fields.name, fields.town, tx),
            status: 'draft',
            source: 'provider',
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        if (!row) throw new Conflict('Another listing already uses that CQC location id.');
        await enqueueServiceSearchSync(tx, [row.id]);
        return toProviderListing({ service: row, organisation });
      });
    },

    /**
     * Edits apply at once. On a published listing a significant edit (what the service is, where it is)
     * takes it out of public view and back to the council's queue; prices, vacancies, funding and contact
     * details stay published. We chose not to keep the old version live meanwhile: the public must never
     * see a listing whose claims nobody has checked, and a stale version could mislead just as much.
     */
    async update(actor: Actor | null, id: string, input: ListingPatch): Promise<ListingEditResult> {
      // Blank optional fields are null and edits are compared by meaning, so re-posting a listing as the
      // form shows it changes nothing and never sends a published listing back to review.
      const patch = normaliseListingInput(input);
      return db.transaction(async (tx) => {
        const record = await ownListing(actor, id, tx);
        const current = record.service;
        const { postcode: _postcode, ...fields } = patch;
        const changed = changedListingFields(current, fields);
        const changes: Partial<NewService> = Object.fromEntries(
          changed.map((field) => [field, fields[field as keyof typeof fields]]),
        );
        if (patch.postcode !== undefined) {
          const located = locateListingPostcode(patch.postcode);
          if (located.postcode !== current.postcode) {
            Object.assign(changes, located);
            changed.push('postcode');
          }
        }
        if (changed.length === 0) return { listing: toProviderListing(record), backToReview: false };

        const backToReview = current.status === 'published' && isSignificantEdit(changed);
        if (backToReview) changes.status = 'pending';
        if (patch.cqcLocationId && patch.cqcLocationId !== current.cqcLocationId) {
          // Unique across listings: say so as a field error instead of letting the index throw.
          if (await listings.cqcLocationTaken(patch.cqcLocationId, id, tx))
            throw new Conflict('Another listing already uses that CQC location id.');
        }
        const row = await listings.update(id, { ...changes, updatedAt: clock() }, tx);
        await enqueueServiceSearchSync(tx, [id]);
        // Rating groups are main care type + county. Moving group changes both groups' priors and medians;
        // a new price only moves the group's median price, so only value scores need recomputing.
        if (row.careTypes[0] !== current.careTypes[0] || row.county !== current.county) {
          await aggregator.refreshGroup(current.careTypes, current.county, tx);
          await aggregator.refreshForService(id, tx);
        } else if (changed.some((field) => PRICE_FIELDS.includes(field))) {
          await aggregator.refreshValueScores(row.careTypes, row.county, tx);
        }
        return { listing: toProviderListing({ service: row, organisation: record.organisation }), backToReview };
      });
    },

    /** Draft or rejected -> pending: the provider asks the council to check and publish it. */
    async submit(actor: Actor | null, id: string): Promise<ProviderListing> {
      return db.transaction(async (tx) => {
        const record = await ownListing(actor, id, tx);
        const to = nextStatus('submit', record.service.status);
        if (!to) throw new Conflict(`A ${record.service.status} listing cannot be submitted for review.`);
        const row = await listings.update(id, { status: to, updatedAt: clock() }, tx);
        await enqueueServiceSearchSync(tx, [id]);
        return toProviderListing({ service: row, organisation: record.organisation });
      });
    },
  };
}
export type ListingService = ReturnType<typeof createListingService>;
