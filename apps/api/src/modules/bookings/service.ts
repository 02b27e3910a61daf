// Bookings (brokerage): a resident requests a quote from a published service, the provider quotes or declines
// (or starts accepted care), and the two sides message each other. The steps that move budget money
// (accepting, cancelling, completing) are in commitments.ts; this service offers both.
import {
  formatPence,
  mapPage,
  type BookingDetail,
  type BookingSummary,
  type Page,
  type PageRequest,
  type Quote,
  type RequestQuote,
} from '@care-assist/domain';
import type { Database, Executor } from '@care-assist/db';
import { Forbidden, NotFound, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { actorCan, requireRole, requireVerifiedEmail, requireSignIn } from '../../access.ts';
import type { BudgetRepository } from '../budgets/repository.ts';
import type { Idempotency } from '../idempotency/idempotency.ts';
import type { NotificationService } from '../notifications/service.ts';
import type { ListingActivity } from '../outcomes/listing-activity.ts';
import { createBookingCommitments } from './commitments.ts';
import { createPartyNotifier, otherSide } from './notify-parties.ts';
import type { BookingRecord, BookingRepository, BookingRow } from './repository.ts';
import { createTransition } from './transition.ts';
import type { BookingAccess, Parties } from './access.ts';
import { toBookingSummary } from './presenters.ts';

export interface BookingDeps {
  db: Database;
  bookings: BookingRepository;
  budgets: BudgetRepository;
  access: BookingAccess;
  notifications: NotificationService;
  idempotency: Idempotency;
  /** Counts each quote request as an enquiry to the service (anonymous daily counter). */
  listingActivity?: ListingActivity;
  clock: () => Date;
}

const PROVIDER: Parties = { viewers: ['provider'], named: 'the provider' };
const BOTH_SIDES: Parties = {
  viewers: ['requester', 'provider'],
  named: 'the person who asked for care and the provider',
};

export function createBookingService(deps: BookingDeps) {
  const { db, bookings, access, clock } = deps;
  const today = () => clock().toISOString().slice(0, 10);
  const notifyParties = createPartyNotifier(deps);
  const transition = createTransition(deps);

  function refuseStartInPast(startDate: string, detail: string) {
    if (startDate < today())
      throw new ValidationFailed(detail, [{ field: 'startDate', message: 'Must be today or later' }]);
  }

  /** One booking change by the provider, in one transaction: the step, then word to the other side. */
  async function providerStep(
    actor: Actor | null,
    bookingId: string,
    step: (tx: Executor, who: Actor, booking: BookingRow, record: BookingRecord) => Promise<string>,
    kind: string,
  ): Promise<BookingDetail> {
    return db.transaction(async (tx) => {
      const { who, record, viewer } = await access.open(actor, bookingId, PROVIDER, tx);
      const booking = await bookings.lock(bookingId, tx);
      if (!booking) throw new NotFound('There is no such booking.');
      const text = await step(tx, who, booking, record);
      await notifyParties(tx, record, otherSide(viewer), kind, text);
      return access.detail(bookingId, viewer, tx);
    });
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
      return mapPage(await bookings.listPage(filter, page), toBookingSummary);
    },

    async get(actor: Actor | null, bookingId: string): Promise<BookingDetail> {
      const { viewer } = await access.load(actor, bookingId);
      return access.detail(bookingId, viewer);
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
      refuseStartInPast(input.startDate, 'The care cannot start in the past.');
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
        const { record } = await access.load(who, booking.id, tx);
        await notifyParties(
          tx,
          record,
          'provider',
          'quote_requested',
          `${record.requesterName} asked ${service.name} for a quote.`,
        );
        return access.detail(booking.id, 'requester', tx);
      });
    },

    async quote(actor: Actor | null, bookingId: string, input: Quote): Promise<BookingDetail> {
      return providerStep(
        actor,
        bookingId,
        async (tx, who, booking, record) => {
          refuseStartInPast(input.startDate, 'The quoted start date is in the past.');
          await transition(tx, booking, 'quote', who.userId, `${formatPence(input.weeklyPence)} a week`, {
            quoteWeeklyPence: input.weeklyPence,
            quoteStartDate: input.startDate,
            quoteTerms: input.terms,
            quotedAt: clock(),
          });
          return `${record.service.name} quoted ${formatPence(input.weeklyPence)} a week.`;
        },
        'quoted',
      );
    },

    async decline(actor: Actor | null, bookingId: string, reason: string): Promise<BookingDetail> {
      return providerStep(
        actor,
        bookingId,
        async (tx, who, booking, record) => {
          await transition(tx, booking, 'decline', who.userId, reason, { declineReason: reason });
          return `${record.service.name} declined your request: ${reason}`;
        },
        'declined',
      );
    },

    async start(actor: Actor | null, bookingId: string): Promise<BookingDetail> {
      return providerStep(
        actor,
        bookingId,
        async (tx, who, booking, record) => {
          await transition(tx, booking, 'start', who.userId, '');
          return `${record.service.name} has started your care.`;
        },
        'started',
      );
    },

    async message(actor: Actor | null, bookingId: string, body: string): Promise<BookingDetail> {
      return db.transaction(async (tx) => {
        const { who, record, viewer } = await access.open(actor, bookingId, BOTH_SIDES, tx);
        await bookings.addMessage({ bookingId, authorId: who.userId, body, createdAt: clock() }, tx);
        const from = viewer === 'provider' ? record.service.name : record.requesterName;
        await notifyParties(tx, record, otherSide(viewer), 'message', `New message from ${from}.`);
        return access.detail(bookingId, viewer, tx);
      });
    },

    ...createBookingCommitments({ ...deps, notifyParties, transition }),
  };
}
export type BookingService = ReturnType<typeof createBookingService>;
