// Who may see a booking (and act on it), and the shapes the API returns for bookings and invoices.
import {
  bookingQuote,
  committedForBooking,
  type BookingDetail,
  type BookingSummary,
  type Invoice,
} from '@care-assist/domain';
import { readAll, type Database, type Executor } from '@care-assist/db';
import { actorCan, requireSignIn } from '../../access.ts';
import { Forbidden, NotFound } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import type { BudgetRepository } from '../budgets/repository.ts';
import type { BookingRecord, BookingRepository, InvoiceRow } from './repository.ts';

export type Viewer = BookingDetail['viewer'];

/** Who may take an action on a booking, and how a refusal names them ("Only the provider can do that."). */
export interface Parties {
  viewers: readonly Viewer[];
  named: string;
}

export function createBookingViews({
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

  function summary({ booking, service, organisationName, requesterName }: BookingRecord): BookingSummary {
    return {
      id: booking.id,
      serviceId: service.id,
      serviceName: service.name,
      serviceSlug: service.slug,
      acceptsPersonalBudget: service.fundingAccepted.includes('personal_budget'),
      organisationName,
      requesterId: booking.requesterId,
      requesterName,
      status: booking.status,
      funding: booking.funding,
      budgetAccountId: booking.budgetAccountId,
      need: {
        careType: booking.careType,
        ...(booking.hoursPerWeek ? { hoursPerWeek: booking.hoursPerWeek } : {}),
        ...(booking.nightsPerWeek ? { nightsPerWeek: booking.nightsPerWeek } : {}),
        startDate: booking.startDate,
        durationWeeks: booking.durationWeeks,
        notes: booking.notes,
      },
      quote: quoteView(booking),
      declineReason: booking.declineReason,
      createdAt: booking.createdAt.toISOString(),
      updatedAt: booking.updatedAt.toISOString(),
    };
  }

  function invoice(row: InvoiceRow, feePence: number | null): Invoice {
    return {
      id: row.id,
      bookingId: row.bookingId,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      hours: row.hours,
      amountPence: row.amountPence,
      status: row.status,
      disputeReason: row.disputeReason,
      brokerageFeePence: feePence,
      paidAt: row.paidAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    };
  }

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
    return {
      ...summary(record),
      history: history.map(({ event, actorName }) => ({
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        actorName,
        note: event.note,
        at: event.at.toISOString(),
      })),
      messages: messages.map(({ message, authorName, fromProvider }) => ({
        id: message.id,
        authorName,
        fromProvider,
        body: message.body,
        at: message.createdAt.toISOString(),
      })),
      invoices: invoiceRows.map((r) => invoice(r.invoice, r.feePence)),
      committedPence: committedForBooking(entries, bookingId),
      viewer,
    };
  }

  return { viewerOf, load, open, summary, invoice, detail };
}
export type BookingViews = ReturnType<typeof createBookingViews>;

function quoteView(booking: BookingRecord['booking']): BookingSummary['quote'] {
  const quote = bookingQuote(booking);
  return quote && { ...quote, quotedAt: quote.quotedAt.toISOString() };
}
