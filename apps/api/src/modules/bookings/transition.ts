// Moving a booking along its lifecycle (the table in @care-assist/domain): one status change plus its line in
// the booking's history, or a 409 that says why the change is not possible from where the booking is.
import { BOOKING_STATUS_LABELS, nextBookingStatus, type BookingAction, type BookingStatus } from '@care-assist/domain';
import type { Executor } from '@care-assist/db';
import { Conflict } from '../../errors.ts';
import type { BookingRepository, BookingRow } from './repository.ts';

const ACTION_WORDS: Record<BookingAction, string> = {
  quote: 'quoted',
  decline: 'declined',
  accept: 'accepted',
  start: 'started',
  complete: 'completed',
  cancel: 'cancelled',
};

/** The 409 for an action the booking's status does not allow. */
export function illegalTransition(status: BookingStatus, action: BookingAction): Conflict {
  return new Conflict(`This booking is "${BOOKING_STATUS_LABELS[status]}", so it cannot be ${ACTION_WORDS[action]}.`);
}

export function createTransition({ bookings, clock }: { bookings: BookingRepository; clock: () => Date }) {
  /** Moves a locked booking to its next status and appends the change to its history; 409 when illegal. */
  return async function transition(
    tx: Executor,
    booking: BookingRow,
    action: BookingAction,
    actorId: string,
    note: string,
    values: Partial<BookingRow> = {},
  ): Promise<BookingStatus> {
    const next = nextBookingStatus(booking.status, action);
    if (!next) throw illegalTransition(booking.status, action);
    await bookings.update(booking.id, { ...values, status: next, updatedAt: clock() }, tx);
    await bookings.addEvent(
      { bookingId: booking.id, actorId, fromStatus: booking.status, toStatus: next, note, at: clock() },
      tx,
    );
    return next;
  };
}
export type Transition = ReturnType<typeof createTransition>;
