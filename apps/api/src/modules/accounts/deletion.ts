// Deleting an account (UK GDPR right to erasure, within what the council must keep). The users row stays as a
// tombstone with no personal data ("Former user", an address that cannot receive mail, no password), so bookings,
// invoices and ledger entries the council must keep for its financial records still balance but point at nobody.
// Reviews stay published under "Former user" unless the person asks to remove them; ratings are recomputed then.
import { verifyPassword, type Database } from '@care-assist/db';
import { ERASED_DISPLAY_NAME } from '@care-assist/domain';
import { requireSignIn } from '../../access.ts';
import { Conflict, Forbidden, Unauthorised } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { RatingAggregator } from '../ratings/aggregator.ts';
import type { UserRepository } from '../users/repository.ts';
import { queueEmail } from '../email/outbox.ts';
import { eraseWrittenByRequester } from '../retention/financial-records.ts';
import type { DataRightsRepository } from './data-rights-repository.ts';

const OPEN_BOOKINGS = ['requested', 'quoted', 'accepted', 'active'] as const;
const UNPAID_INVOICES = ['submitted', 'approved', 'disputed'] as const;
const LIVE_REVIEWS = ['pending', 'changes_requested', 'published'] as const;

interface DeletionDeps {
  db: Database;
  users: UserRepository;
  dataRights: DataRightsRepository;
  aggregator: RatingAggregator;
  clock: () => Date;
}

export function createAccountDeletion({ db, users: userRepo, dataRights, aggregator, clock }: DeletionDeps) {
  return async function deleteAccount(
    actor: Actor | null,
    input: { password: string; removeReviews: boolean },
  ): Promise<void> {
    const who = requireSignIn(actor);
    const user = await userRepo.findActiveById(who.userId);
    if (!user) throw new Unauthorised('Your session has ended; please sign in again.');
    if (user.role !== 'resident' && user.role !== 'provider') {
      throw new Forbidden('Council staff accounts are closed by a council administrator, not from this page.');
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      throw new Forbidden('That is not your password.');
    }
    await db.transaction(async (tx) => {
      // Lock the person's row first: a booking request racing the deletion waits, then sees a disabled account.
      await dataRights.lockUser(user.id, tx);
      const open = await dataRights.bookingsRequestedIn(user.id, [...OPEN_BOOKINGS], tx);
      const unpaid = await dataRights.invoicesOfRequesterIn(user.id, [...UNPAID_INVOICES], tx);
      if (open.length > 0 || unpaid.length > 0) {
        const needs = [
          open.length > 0
            ? `${open.length} booking${open.length === 1 ? ' is' : 's are'} still open: cancel or complete ` +
              `${open.length === 1 ? 'it' : 'them'} from your bookings page`
            : null,
          unpaid.length > 0
            ? `${unpaid.length} invoice${unpaid.length === 1 ? ' is' : 's are'} not paid yet: approve, dispute ` +
              'or settle them first'
            : null,
        ].filter(Boolean);
        throw new Conflict(`Your account cannot be deleted yet, because ${needs.join(', and ')}.`);
      }

      const now = clock();
      if (input.removeReviews) {
        const live = await dataRights.withdrawReviewsBy(user.id, [...LIVE_REVIEWS], now, tx);
        for (const serviceId of new Set(live.map((r) => r.serviceId))) {
          await aggregator.refreshForService(serviceId, tx);
        }
      }
      await eraseWrittenByRequester(tx, user.id);
      await dataRights.deletePersonalRows(user.id, tx);
      // Mail not yet sent to them is dropped; mail already sent keeps no address.
      await dataRights.eraseMailTo(user.id, user.email, tx);
      await dataRights.tombstoneUser(
        user.id,
        {
          email: `erased-${user.id}@erased.invalid`,
          displayName: ERASED_DISPLAY_NAME,
          passwordHash: 'erased',
          emailVerifiedAt: null,
          disabledAt: now,
          erasedAt: now,
          updatedAt: now,
        },
        tx,
      );
      // The one message that keeps the address: the confirmation, purged with the outbox (RETENTION_OUTBOX_DAYS).
      await queueEmail(tx, {
        to: user.email,
        subject: 'Your Care Assist account has been deleted',
        body: [
          `Hello ${user.displayName},`,
          'Your Care Assist account has been deleted as you asked. We have erased your name, e-mail address, ' +
            'password, shortlist, notifications and sessions.',
          input.removeReviews
            ? 'Your reviews have been removed.'
            : 'Your published reviews stay on Care Assist under the name "Former user".',
          'Records of bookings, invoices and payments are kept, without your name or what you wrote, because the ' +
            'council must keep financial records. The privacy notice explains how long.',
        ].join('\n\n'),
        reason: 'You deleted your Care Assist account.',
      });
    });
  };
}
