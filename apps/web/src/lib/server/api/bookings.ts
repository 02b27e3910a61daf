// Bookings and their invoices: quote requests, quotes, acceptance, messages, cancelling and completing, invoices
// and disputes. Money-moving calls take the form's idempotency key, so a resubmission moves the money once.
import type {
  AcceptQuote,
  BookingDetail,
  BookingSummary,
  DisputedInvoice,
  InvoiceRequest,
  MessageBody,
  Page,
  Quote,
  ReasonBody,
  RequestQuote,
  ResolveDispute,
} from '@care-assist/domain';
import { request } from './client';

type Paging = { page?: string; per_page?: string };

/** A POST about one booking (`/bookings/:id/<step>`), answered with the booking as it now is. */
const bookingStep = (accessToken: string | null, id: string, step: string, body?: unknown, idempotencyKey?: string) =>
  request<BookingDetail>(`/bookings/${encodeURIComponent(id)}/${step}`, {
    method: 'POST',
    body,
    accessToken,
    idempotencyKey,
  });

export const bookingsApi = {
  bookings: (accessToken: string | null, paging: Paging) =>
    request<Page<BookingSummary>>('/bookings', { query: paging, accessToken }),

  booking: (accessToken: string | null, id: string) =>
    request<BookingDetail>(`/bookings/${encodeURIComponent(id)}`, { accessToken }),

  requestQuote: (accessToken: string | null, body: RequestQuote) =>
    request<BookingDetail>('/bookings', { method: 'POST', body, accessToken }),

  sendQuote: (accessToken: string | null, id: string, body: Quote) => bookingStep(accessToken, id, 'quote', body),

  declineBooking: (accessToken: string | null, id: string, body: ReasonBody) =>
    bookingStep(accessToken, id, 'decline', body),

  acceptQuote: (accessToken: string | null, id: string, body: AcceptQuote, idempotencyKey?: string) =>
    bookingStep(accessToken, id, 'accept', body, idempotencyKey),

  startCare: (accessToken: string | null, id: string) => bookingStep(accessToken, id, 'start'),

  cancelBooking: (accessToken: string | null, id: string, body: ReasonBody, idempotencyKey?: string) =>
    bookingStep(accessToken, id, 'cancel', body, idempotencyKey),

  completeBooking: (accessToken: string | null, id: string, idempotencyKey?: string) =>
    bookingStep(accessToken, id, 'complete', undefined, idempotencyKey),

  sendMessage: (accessToken: string | null, id: string, body: MessageBody) =>
    bookingStep(accessToken, id, 'messages', body),

  sendInvoice: (accessToken: string | null, id: string, body: InvoiceRequest, idempotencyKey?: string) =>
    bookingStep(accessToken, id, 'invoices', body, idempotencyKey),

  /** The holder's steps on one invoice; approving and paying move money, disputing gives a reason. */
  invoiceStep: (
    accessToken: string | null,
    invoiceId: string,
    step: 'approve' | 'pay' | 'dispute',
    body?: ReasonBody,
    idempotencyKey?: string,
  ) =>
    request<BookingDetail>(`/invoices/${encodeURIComponent(invoiceId)}/${step}`, {
      method: 'POST',
      body,
      accessToken,
      idempotencyKey,
    }),

  disputedInvoices: (accessToken: string | null, paging: Paging) =>
    request<Page<DisputedInvoice>>('/invoices/disputed', { query: paging, accessToken }),

  resolveDispute: (accessToken: string | null, invoiceId: string, body: ResolveDispute) =>
    request<BookingDetail>(`/invoices/${encodeURIComponent(invoiceId)}/resolve`, {
      method: 'POST',
      body,
      accessToken,
    }),
};
