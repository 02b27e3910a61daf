// Telling the people on a booking about a change: the person who asked for the care, every member of the
// providing organisation, or both; each notification links to the booking.
import type { Executor } from '@care-assist/db';
import type { NotificationService } from '../notifications/service.ts';
import type { BookingRecord, BookingRepository } from './repository.ts';
import type { Viewer } from './access.ts';

export type Recipients = 'requester' | 'provider' | 'both';

/** Whoever did not act: the provider hears from the requester and back; council staff's actions go to both. */
export function otherSide(viewer: Viewer): Recipients {
  return viewer === 'requester' ? 'provider' : viewer === 'provider' ? 'requester' : 'both';
}

export function createPartyNotifier(deps: { bookings: BookingRepository; notifications: NotificationService }) {
  return async function notifyParties(
    tx: Executor,
    record: BookingRecord,
    to: Recipients,
    kind: string,
    text: string,
  ): Promise<void> {
    const recipients = new Set<string>();
    if (to !== 'provider') recipients.add(record.booking.requesterId);
    if (to !== 'requester') {
      for (const id of await deps.bookings.memberIds(record.service.organisationId, tx)) recipients.add(id);
    }
    await deps.notifications.notify(tx, [...recipients], { kind, text, link: `/bookings/${record.booking.id}` });
  };
}
export type NotifyParties = ReturnType<typeof createPartyNotifier>;
