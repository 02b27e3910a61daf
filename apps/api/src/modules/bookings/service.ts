// Bookings (brokerage): a resident requests a quote from a published service, the provider quotes or declines,
// the resident accepts paying from their budget or funding it themselves, and either side can cancel.
// Accepting, cancelling and completing move budget money, so each runs in one transaction that locks the
// budget account row first, then the booking row, and re-checks the rules against the ledger.
import {
  BOOKING_STATUS_LABELS,
  commitmentForBooking,
  formatPence,
  mapPage,
  nextBookingStatus,
  planCommitment,
  planRelease,
  type AcceptQuote,
  type BookingAction,
  type BookingDetail,
  type BookingSummary,
  type Page,
  type PageRequest,
  type Quote,
  type RequestQuote,
} from '@care-assist/domain';
import type { Database, Executor } from '@care-assist/db';
import { Conflict, Forbidden, HttpProblem, NotFound, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { actorCan, requireRole, requireVerifiedEmail, requireSignIn } from '../../access.ts';
import { refusePlan } from '../budgets/service.ts';
import type { BudgetRepository } from '../budgets/repository.ts';
import type { Idempotency, IdempotencyScope, StoredAnswer } from '../idempotency/idempotency.ts';
import type { NotificationService } from '../notifications/service.ts';
import type { ListingActivity } from '../outcomes/listing-activity.ts';
import type { BookingRecord, BookingRepository, BookingRow } from './repository.ts';
import type { BookingViews, Viewer } from './views.ts';

interface BookingDeps {
  db: Database;
  bookings: BookingRepository;
  budgets: BudgetRepository;
  views: BookingViews;
  notifications: NotificationService;
  idempotency: Idempotency;
  /** Counts each quote request as an enquiry to the service (anonymous daily counter). */
  listingActivity?: ListingActivity;
  clock: () => Date;
}

const ACTION_WORDS: Record<BookingAction, string> = {
  quote: 'quoted',
  decline: 'declined',
  accept: 'accepted',
  start: 'started',
  complete: 'completed',
  cancel: 'cancelled',
};

export function createBookingService(deps: BookingDeps) {
  const { db, bookings, budgets, views, notifications, idempotency, clock } = deps;
  const today = () => clock().toISOString().slice(0, 10);

  /** Moves a locked booking to its next status and appends the change to its history; 409 when illegal. */
  async function transition(
    tx: Executor,
    booking: BookingRow,
    action: BookingAction,
    actorId: string,
    note: string,
    values: Partial<BookingRow> = {},
  ) {
    const next = nextBookingStatus(booking.status, action);
    if (!next) {
      throw new Conflict(
        `This booking is "${BOOKING_STATUS_LABELS[booking.status]}", so it cannot be ${ACTION_WORDS[action]}.`,
      );
    }
    await bookings.update(booking.id, { ...values, status: next, updatedAt: clock() }, tx);
    await bookings.addEvent(
      { bookingId: booking.id, actorId, fromStatus: booking.status, toStatus: next, note, at: clock() },
      tx,
    );
    return next;
  }

  /** Tells the other side about a change: the requester, or every member of the providing organisation. */
  async function notifyOtherSide(tx: Executor, record: BookingRecord, viewer: Viewer, kind: string, text: string) {
    const link = `/bookings/${record.booking.id}`;
    const recipients = new Set<string>();
    if (viewer !== 'requester') recipients.add(record.booking.requesterId);
    if (viewer !== 'provider')
      for (const id of await bookings.memberIds(record.service.organisationId, tx)) recipients.add(id);
    await notifications.notify(tx, [...recipients], { kind, text, link });
  }

  function requireViewer(viewer: Viewer, allowed: Viewer[], what: string) {
    if (!allowed.includes(viewer)) throw new Forbidden(`Only ${what} can do that.`);
  }

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
    if (!booking.budgetAccountId) return;
    const entries = await budgets.entries(booking.budgetAccountId, tx);
    const plan = planRelease(entries, booking.id);
    if (!plan.ok) refusePlan(plan);
    await budgets.append(
      plan.entries.map((e) => ({
        ...e,
        budgetAccountId: booking.budgetAccountId!,
        idempotencyKey: key,
        reason,
        createdBy: actorId,
      })),
      clock(),
      tx,
    );
  }

  return {
    async list(actor: Actor | null, page: PageRequest): Promise<Page<BookingSummary>> {
      const who = requireSignIn(actor);
      const filter =
        who.role === 'provider'
          ? { memberId: who.userId }
          : actorCan(who, 'manage_budgets')
            ? ('all' as const)
            : who.role === 'resident'
              ? { requesterId: who.userId }
              : null;
      if (!filter) throw new Forbidden('Moderators do not take part in bookings.');
      return mapPage(await bookings.listPage(filter, page), views.summary);
    },

    async get(actor: Actor | null, bookingId: string): Promise<BookingDetail> {
      const { viewer } = await views.load(actor, bookingId);
      return views.detail(bookingId, viewer);
    },

    async requestQuote(actor: Actor | null, input: RequestQuote): Promise<BookingDetail> {
      const who = requireVerifiedEmail(
        requireRole(actor, 'resident', 'Only residents can request a quote.'),
        'ask for a quote',
      );
      const service = await bookings.findService(input.serviceId);
      if (!service || service.status !== 'published') {
        throw new NotFound('There is no published care service with that id, so it cannot be asked for a quote.');
      }
      if (input.startDate < today()) {
        throw new ValidationFailed('The care cannot start in the past.', [
          { field: 'startDate', message: 'Must be today or later' },
        ]);
      }
      return db.transaction(async (tx) => {
        const booking = await bookings.insert(
          {
            requesterId: who.userId,
            serviceId: service.id,
            careType: input.careType,
            hoursPerWeek: input.hoursPerWeek ?? null,
            nightsPerWeek: input.nightsPerWeek ?? null,
            startDate: input.startDate,
            durationWeeks: input.durationWeeks,
            notes: input.notes ?? '',
            createdAt: clock(),
            updatedAt: clock(),
          },
          tx,
        );
        await bookings.addEvent(
          {
            bookingId: booking.id,
            actorId: who.userId,
            fromStatus: null,
            toStatus: 'requested',
            note: '',
            at: clock(),
          },
          tx,
        );
        await deps.listingActivity?.countEnquiry(service.id, tx);
        const record = (await bookings.find(booking.id, tx))!;
        await notifyOtherSide(
          tx,
          record,
          'requester',
          'quote_requested',
          `${record.requesterName} asked ${service.name} for a quote.`,
        );
        return views.detail(booking.id, 'requester', tx);
      });
    },

    async quote(actor: Actor | null, bookingId: string, input: Quote): Promise<BookingDetail> {
      return db.transaction(async (tx) => {
        const { record, viewer } = await views.load(actor, bookingId, tx);
        requireViewer(viewer, ['provider'], 'the provider');
        const booking = (await bookings.lock(bookingId, tx))!;
        if (input.startDate < today()) {
          throw new ValidationFailed('The quoted start date is in the past.', [
            { field: 'startDate', message: 'Must be today or later' },
          ]);
        }
        await transition(tx, booking, 'quote', actor!.userId, `${formatPence(input.weeklyPence)} a week`, {
          quoteWeeklyPence: input.weeklyPence,
          quoteStartDate: input.startDate,
          quoteTerms: input.terms,
          quotedAt: clock(),
        });
        await notifyOtherSide(
          tx,
          record,
          viewer,
          'quoted',
          `${record.service.name} quoted ${formatPence(input.weeklyPence)} a week.`,
        );
        return views.detail(bookingId, viewer, tx);
      });
    },

    async decline(actor: Actor | null, bookingId: string, reason: string): Promise<BookingDetail> {
      return db.transaction(async (tx) => {
        const { record, viewer } = await views.load(actor, bookingId, tx);
        requireViewer(viewer, ['provider'], 'the provider');
        const booking = (await bookings.lock(bookingId, tx))!;
        await transition(tx, booking, 'decline', actor!.userId, reason, { declineReason: reason });
        await notifyOtherSide(
          tx,
          record,
          viewer,
          'declined',
          `${record.service.name} declined your request: ${reason}`,
        );
        return views.detail(bookingId, viewer, tx);
      });
    },

    async start(actor: Actor | null, bookingId: string): Promise<BookingDetail> {
      return db.transaction(async (tx) => {
        const { record, viewer } = await views.load(actor, bookingId, tx);
        requireViewer(viewer, ['provider'], 'the provider');
        const booking = (await bookings.lock(bookingId, tx))!;
        await transition(tx, booking, 'start', actor!.userId, '');
        await notifyOtherSide(tx, record, viewer, 'started', `${record.service.name} has started your care.`);
        return views.detail(bookingId, viewer, tx);
      });
    },

    async message(actor: Actor | null, bookingId: string, body: string): Promise<BookingDetail> {
      return db.transaction(async (tx) => {
        const { record, viewer } = await views.load(actor, bookingId, tx);
        requireViewer(viewer, ['requester', 'provider'], 'the person who asked for care and the provider');
        await bookings.addMessage({ bookingId, authorId: actor!.userId, body, createdAt: clock() }, tx);
        const from = viewer === 'provider' ? record.service.name : record.requesterName;
        await notifyOtherSide(tx, record, viewer, 'message', `New message from ${from}.`);
        return views.detail(bookingId, viewer, tx);
      });
    },

    /** Accepting a quote. From a budget, the expected cost for the booking period is committed, if it is there. */
    async accept(
      actor: Actor | null,
      bookingId: string,
      input: AcceptQuote,
      scope: IdempotencyScope,
    ): Promise<StoredAnswer<BookingDetail>> {
      const who = requireSignIn(actor);
      const { record, viewer } = await views.load(actor, bookingId);
      requireViewer(viewer, ['requester'], 'the person who asked for the quote');
      requireVerifiedEmail(who, 'accept a quote');
      let accountId: string | null = null;
      if (input.funding === 'budget' && !record.service.fundingAccepted.includes('personal_budget')) {
        // The service's own statement of what it accepts; the search filter and the quote page use the same.
        throw new ValidationFailed(`${record.service.name} does not accept personal budgets or direct payments.`, [
          { field: 'funding', message: 'This service does not accept personal budgets: choose to pay it yourself' },
        ]);
      }
      if (input.funding === 'budget') {
        const account = input.budgetAccountId
          ? (await budgets.findAccount(input.budgetAccountId))?.account
          : await budgets.findOpenAccountForHolder(who.userId);
        if (!account || account.holderId !== who.userId) {
          throw new ValidationFailed('You do not have a personal budget to pay from.', [
            { field: 'budgetAccountId', message: 'Choose your own budget, or fund this yourself' },
          ]);
        }
        accountId = account.id;
      } else if (input.budgetAccountId) {
        throw new ValidationFailed('A self-funded booking does not use a budget.', [
          { field: 'budgetAccountId', message: 'Leave this out when you fund the care yourself' },
        ]);
      }
      return idempotency.run<BookingDetail>(who.userId, scope, async (tx, key) => {
        const account = accountId ? await budgets.lockAccount(accountId, tx) : undefined;
        const booking = await lockForMoney(tx, record, accountId);
        const next = nextBookingStatus(booking.status, 'accept');
        if (!next) {
          throw new Conflict(`This booking is "${BOOKING_STATUS_LABELS[booking.status]}", so it cannot be accepted.`);
        }
        refuseChangedQuote(booking, input);
        let note = 'Self-funded';
        if (account) {
          if (account.status !== 'open') throw new Conflict('That budget is closed.');
          const cost = commitmentForBooking(
            {
              startDate: booking.quoteStartDate!,
              durationWeeks: booking.durationWeeks,
              weeklyPence: booking.quoteWeeklyPence!,
            },
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
              reason: `${record.service.name}: ${cost.days} days to ${cost.coveredUntil} at ${formatPence(booking.quoteWeeklyPence!)} a week`,
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
        await notifyOtherSide(
          tx,
          record,
          viewer,
          'accepted',
          `${record.requesterName} accepted your quote for ${record.service.name}.`,
        );
        return { status: 200, body: await views.detail(bookingId, viewer, tx) };
      });
    },

    /** Cancelling (either side, or council staff) releases whatever is still committed for the booking. */
    async cancel(
      actor: Actor | null,
      bookingId: string,
      reason: string,
      scope: IdempotencyScope,
    ): Promise<StoredAnswer<BookingDetail>> {
      return this.finish(actor, bookingId, 'cancel', reason, scope);
    },

    /** Completing (provider or council staff) releases whatever is still committed for the booking. */
    async complete(actor: Actor | null, bookingId: string, scope: IdempotencyScope) {
      return this.finish(actor, bookingId, 'complete', '', scope);
    },

    async finish(
      actor: Actor | null,
      bookingId: string,
      action: 'cancel' | 'complete',
      reason: string,
      scope: IdempotencyScope,
    ): Promise<StoredAnswer<BookingDetail>> {
      const who = requireSignIn(actor);
      const { record, viewer } = await views.load(actor, bookingId);
      if (action === 'complete') requireViewer(viewer, ['provider', 'council'], 'the provider or council staff');
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
        await notifyOtherSide(
          tx,
          record,
          viewer,
          action === 'cancel' ? 'cancelled' : 'completed',
          action === 'cancel'
            ? `The booking with ${record.service.name} was cancelled: ${reason}`
            : `The booking with ${record.service.name} is complete.`,
        );
        return { status: 200, body: await views.detail(bookingId, viewer, tx) };
      });
    },
  };
}
export type BookingService = ReturnType<typeof createBookingService>;

/**
 * The resident accepts the quote they saw. A provider can re-quote at any time before acceptance, so a quote
 * that changed in between (another price, or a newer version) is refused with the figure now on offer.
 */
function refuseChangedQuote(
  booking: { quoteWeeklyPence: number | null; quotedAt: Date | null },
  input: Pick<AcceptQuote, 'quotedWeeklyPence' | 'quotedAt'>,
): void {
  const priceChanged = booking.quoteWeeklyPence !== input.quotedWeeklyPence;
  const versionChanged =
    input.quotedAt !== undefined && booking.quotedAt?.getTime() !== new Date(input.quotedAt).getTime();
  if (!priceChanged && !versionChanged) return;
  const now = formatPence(booking.quoteWeeklyPence ?? 0);
  throw new HttpProblem(
    409,
    'Conflict',
    `The quote has changed since you saw it: it is now ${now} a week. Read the new quote before accepting it.`,
    [{ field: 'quotedWeeklyPence', message: `The quote is now ${now} a week` }],
  );
}
