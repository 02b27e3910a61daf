// Who may see a booking and act on it: opening a booking for an action (404 for people with no business with it,
// 403 for a party who may not take that action), and reading a booking in full for someone allowed to see it.
import type { BookingDetail } from '@care-assist/domain';
import { readAll, type Database, type Executor } from '@care-assist/db';
import { actorCan, requireSignIn } from '../../access.ts';
import { Forbidden, NotFound } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { BudgetRepository } from '../budgets/repository.ts';
import { toBookingDetail } from './presenters.ts';
import type { BookingRecord, BookingRepository } from './repository.ts';

export type Viewer = BookingDetail['viewer'];

/** Who may take an action on a booking, and how a refusal names them ("Only the provider can do that."). */
export interface Parties {
  viewers: readonly Viewer[];
  named: string;
}

export function createBookingAccess({
  db,
  bookings,
  budgets,
}: {
  db: Database;
  bookings: BookingRepository;
  budgets: BudgetRepository;
}) {
  /**
   * The requester, a member of the providing organisation, or council staff (admin); anyone else gets 404,
   * so a booking's existence is not revealed to people who have no business with it.
   */
  async function viewerOf(actor: Actor | null, record: BookingRecord, tx: Executor = db): Promise<Viewer> {
    const who = requireSignIn(actor);
    if (record.booking.requesterId === who.userId) return 'requester';
    if (who.role === 'provider' && (await bookings.isMember(who.userId, record.service.organisationId, tx))) {
      return 'provider';
    }
    if (actorCan(who, 'manage_budgets')) return 'council';
    throw new NotFound('There is no such booking.');
  }

  async function load(actor: Actor | null, bookingId: string, tx: Executor = db) {
    const record = await bookings.find(bookingId, tx);
    if (!record) throw new NotFound('There is no such booking.');
    return { record, viewer: await viewerOf(actor, record, tx) };
  }

  /**
   * The opening of every action on a booking: the booking, how the signed-in actor sees it (404 for people with
   * no business with it) and, when only some parties may act, a 403 for anyone else.
   */
  async function open(actor: Actor | null, bookingId: string, only?: Parties, tx: Executor = db) {
    const { record, viewer } = await load(actor, bookingId, tx);
    if (only && !only.viewers.includes(viewer)) throw new Forbidden(`Only ${only.named} can do that.`);
    return { who: requireSignIn(actor), record, viewer };
  }

  /** The booking in full, as the given viewer (already decided by load or open) sees it. */
  async function detail(bookingId: string, viewer: Viewer, tx: Executor = db): Promise<BookingDetail> {
    const record = await bookings.find(bookingId, tx);
    if (!record) throw new NotFound('There is no such booking.');
    const budgetAccountId = record.booking.budgetAccountId;
    const [history, messages, invoiceRows, entries] = await readAll(tx, [
      () => bookings.history(bookingId, tx),
      () => bookings.messages(bookingId, record.service.organisationId, tx),
      () => bookings.invoices(bookingId, tx),
      () => (budgetAccountId ? budgets.entries(budgetAccountId, tx) : Promise.resolve([])),
    ]);
    return toBookingDetail(bookingId, record, { history, messages, invoiceRows, entries }, viewer);
  }

  return { viewerOf, load, open, detail };
}
export type BookingAccess = ReturnType<typeof createBookingAccess>;
