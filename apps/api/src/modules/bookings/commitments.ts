// The booking steps that move budget money: accepting a quote commits the expected cost (or records that the
// person pays it themselves); cancelling and completing release whatever is still committed. Each runs once
// per Idempotency-Key in one transaction that locks the budget account row first, then the booking row, and
// re-checks the rules against the ledger.
import {
  bookingState,
  commitmentForBooking,
  formatPence,
  planCommitment,
  planRelease,
  type AcceptQuote,
  type BookingDetail,
  type BookingQuote,
} from '@care-assist/domain';
import type { Executor } from '@care-assist/db';
import { Conflict, NotFound, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { requireSignIn, requireVerifiedEmail } from '../../access.ts';
import { refusePlan } from '../budgets/service.ts';
import type { BudgetRepository } from '../budgets/repository.ts';
import type { Idempotency, IdempotencyScope, StoredAnswer } from '../idempotency/idempotency.ts';
import { otherSide, type NotifyParties } from './notify-parties.ts';
import type { BookingRecord, BookingRepository, BookingRow } from './repository.ts';
import { illegalTransition, type Transition } from './transition.ts';
import type { BookingAccess } from './access.ts';

interface CommitmentDeps {
  bookings: BookingRepository;
  budgets: BudgetRepository;
  access: BookingAccess;
  idempotency: Idempotency;
  notifyParties: NotifyParties;
  transition: Transition;
  clock: () => Date;
}

export function createBookingCommitments(deps: CommitmentDeps) {
  const { bookings, budgets, access, idempotency, notifyParties, transition, clock } = deps;

  /**
   * Locks, in the one fixed order, the budget a booking pays from (if any) and then the booking itself.
   * If the booking changed budget between the first read and the lock, the caller is told to try again.
   */
  async function lockForMoney(tx: Executor, record: BookingRecord, budgetAccountId: string | null) {
    if (budgetAccountId) await budgets.lockAccount(budgetAccountId, tx);
    const booking = await bookings.lock(record.booking.id, tx);
    if (!booking) throw new NotFound('There is no such booking.');
    if (booking.budgetAccountId && booking.budgetAccountId !== budgetAccountId) {
      throw new Conflict('The booking changed while we were working on it. Please try again.');
    }
    return booking;
  }

  async function releaseCommitment(tx: Executor, booking: BookingRow, actorId: string, reason: string, key: string) {
    const budgetAccountId = booking.budgetAccountId;
    if (!budgetAccountId) return;
    const plan = planRelease(await budgets.entries(budgetAccountId, tx), booking.id);
    if (!plan.ok) refusePlan(plan);
    await budgets.append(
      plan.entries.map((e) => ({ ...e, budgetAccountId, idempotencyKey: key, reason, createdBy: actorId })),
      clock(),
      tx,
    );
  }

  /** The budget the resident pays from (their own, open or not: that is checked under the lock), or none. */
  async function budgetToPayFrom(who: Actor, record: BookingRecord, input: AcceptQuote): Promise<string | null> {
    if (input.funding === 'budget' && !record.service.fundingAccepted.includes('personal_budget')) {
      // The service's own statement of what it accepts; the search filter and the quote page use the same.
      throw new ValidationFailed(`${record.service.name} does not accept personal budgets or direct payments.`, [
        { field: 'funding', message: 'This service does not accept personal budgets: choose to pay it yourself' },
      ]);
    }
    if (input.funding !== 'budget') {
      if (input.budgetAccountId) {
        throw new ValidationFailed('A self-funded booking does not use a budget.', [
          { field: 'budgetAccountId', message: 'Leave this out when you fund the care yourself' },
        ]);
      }
      return null;
    }
    const account = input.budgetAccountId
      ? (await budgets.findAccount(input.budgetAccountId))?.account
      : await budgets.findOpenAccountForHolder(who.userId);
    if (!account || account.holderId !== who.userId) {
      throw new ValidationFailed('You do not have a personal budget to pay from.', [
        { field: 'budgetAccountId', message: 'Choose your own budget, or fund this yourself' },
      ]);
    }
    return account.id;
  }

  async function finish(
    actor: Actor | null,
    bookingId: string,
    action: 'cancel' | 'complete',
    reason: string,
    scope: IdempotencyScope,
  ): Promise<StoredAnswer<BookingDetail>> {
    requireSignIn(actor);
    const only =
      action === 'complete'
        ? { viewers: ['provider', 'council'] as const, named: 'the provider or council staff' }
        : undefined;
    const { who, record, viewer } = await access.open(actor, bookingId, only);
    return idempotency.run<BookingDetail>(who.userId, scope, async (tx, key) => {
      const booking = await lockForMoney(tx, record, record.booking.budgetAccountId);
      await transition(tx, booking, action, who.userId, reason);
      const why = action === 'cancel' ? `Cancelled: ${reason}` : 'Booking completed';
      await releaseCommitment(
        tx,
        booking,
        who.userId,
        `${record.service.name}: ${why}, unspent commitment released`,
        key,
      );
      await notifyParties(
        tx,
        record,
        otherSide(viewer),
        action === 'cancel' ? 'cancelled' : 'completed',
        action === 'cancel'
          ? `The booking with ${record.service.name} was cancelled: ${reason}`
          : `The booking with ${record.service.name} is complete.`,
      );
      return access.detail(bookingId, viewer, tx);
    });
  }

  return {
    /** Accepting a quote. From a budget, the expected cost for the booking period is committed, if it is there. */
    async accept(
      actor: Actor | null,
      bookingId: string,
      input: AcceptQuote,
      scope: IdempotencyScope,
    ): Promise<StoredAnswer<BookingDetail>> {
      requireSignIn(actor);
      const { who, record, viewer } = await access.open(actor, bookingId, {
        viewers: ['requester'],
        named: 'the person who asked for the quote',
      });
      requireVerifiedEmail(who, 'accept a quote');
      const accountId = await budgetToPayFrom(who, record, input);
      return idempotency.run<BookingDetail>(who.userId, scope, async (tx, key) => {
        const account = accountId ? await budgets.lockAccount(accountId, tx) : undefined;
        const booking = await lockForMoney(tx, record, accountId);
        const state = booking.status === 'quoted' ? bookingState(booking) : null;
        if (state?.status !== 'quoted') throw illegalTransition(booking.status, 'accept');
        const { quote } = state;
        refuseChangedQuote(quote, input);
        let note = 'Self-funded';
        if (account) {
          if (account.status !== 'open') throw new Conflict('That budget is closed.');
          const cost = commitmentForBooking(
            { startDate: quote.startDate, durationWeeks: booking.durationWeeks, weeklyPence: quote.weeklyPence },
            { startsOn: account.startsOn, endsOn: account.endsOn },
          );
          if (!cost.ok) throw new ValidationFailed(cost.detail, [{ field: 'budgetAccountId', message: cost.detail }]);
          const plan = planCommitment(await budgets.entries(account.id, tx), booking.id, cost.costPence);
          if (!plan.ok) {
            if (plan.reason === 'insufficient_funds') {
              throw new Conflict(`Your budget cannot cover this booking. ${plan.detail}`);
            }
            refusePlan(plan);
          }
          await budgets.append(
            plan.entries.map((e) => ({
              ...e,
              budgetAccountId: account.id,
              idempotencyKey: key,
              reason: `${record.service.name}: ${cost.days} days to ${cost.coveredUntil} at ${formatPence(quote.weeklyPence)} a week`,
              createdBy: who.userId,
            })),
            clock(),
            tx,
          );
          note = `Paid from budget ${account.councilReference}: ${formatPence(cost.costPence)} committed`;
        }
        await transition(tx, booking, 'accept', who.userId, note, {
          funding: input.funding,
          budgetAccountId: account?.id ?? null,
        });
        await notifyParties(
          tx,
          record,
          otherSide(viewer),
          'accepted',
          `${record.requesterName} accepted your quote for ${record.service.name}.`,
        );
        return access.detail(bookingId, viewer, tx);
      });
    },

    /** Cancelling (either side, or council staff) releases whatever is still committed for the booking. */
    async cancel(actor: Actor | null, bookingId: string, reason: string, scope: IdempotencyScope) {
      return finish(actor, bookingId, 'cancel', reason, scope);
    },

    /** Completing (provider or council staff) releases whatever is still committed for the booking. */
    async complete(actor: Actor | null, bookingId: string, scope: IdempotencyScope) {
      return finish(actor, bookingId, 'complete', '', scope);
    },
  };
}

/**
 * The resident accepts the quote they saw. A provider can re-quote at any time before acceptance, so a quote
 * that changed in between (another price, or a newer version) is refused with the figure now on offer.
 */
function refuseChangedQuote(quote: BookingQuote, input: Pick<AcceptQuote, 'quotedWeeklyPence' | 'quotedAt'>): void {
  const priceChanged = quote.weeklyPence !== input.quotedWeeklyPence;
  const versionChanged =
    input.quotedAt !== undefined && quote.quotedAt.getTime() !== new Date(input.quotedAt).getTime();
  if (!priceChanged && !versionChanged) return;
  const now = formatPence(quote.weeklyPence);
  throw new Conflict(
    `The quote has changed since you saw it: it is now ${now} a week. Read the new quote before accepting it.`,
    [{ field: 'quotedWeeklyPence', message: `The quote is now ${now} a week` }],
  );
}
