// The shapes the API returns for bookings and invoices, built from the rows the repository reads.
import {
  bookingQuote,
  committedForBooking,
  type BookingDetail,
  type BookingSummary,
  type Invoice,
} from '@care-assist/domain';
import type { BudgetRepository } from '../budgets/repository.ts';
import type { BookingRecord, BookingRepository, InvoiceRow } from './repository.ts';

export function toBookingSummary({ booking, service, organisationName, requesterName }: BookingRecord): BookingSummary {
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

export function toInvoice(row: InvoiceRow, feePence: number | null): Invoice {
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

/** What a booking's page needs besides the booking itself, as the repositories read it. */
export interface BookingDetailRows {
  history: Awaited<ReturnType<BookingRepository['history']>>;
  messages: Awaited<ReturnType<BookingRepository['messages']>>;
  invoiceRows: Awaited<ReturnType<BookingRepository['invoices']>>;
  entries: Awaited<ReturnType<BudgetRepository['entries']>>;
}

/** The booking's page; bookingId is the id it was asked for, which its budget entries are matched against. */
export function toBookingDetail(
  bookingId: string,
  record: BookingRecord,
  { history, messages, invoiceRows, entries }: BookingDetailRows,
  viewer: BookingDetail['viewer'],
): BookingDetail {
  return {
    ...toBookingSummary(record),
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
    invoices: invoiceRows.map((r) => toInvoice(r.invoice, r.feePence)),
    committedPence: committedForBooking(entries, bookingId),
    viewer,
  };
}

function quoteView(booking: BookingRecord['booking']): BookingSummary['quote'] {
  const quote = bookingQuote(booking);
  return quote && { ...quote, quotedAt: quote.quotedAt.toISOString() };
}
