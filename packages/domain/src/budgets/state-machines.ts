// The lifecycles of a booking and an invoice as explicit tables. Anything not in a table is illegal,
// and the API answers it with 409.

export const BOOKING_STATUSES = [
  'requested',
  'quoted',
  'accepted',
  'active',
  'completed',
  'cancelled',
  'declined',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_ACTIONS = ['quote', 'decline', 'accept', 'start', 'complete', 'cancel'] as const;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];

const BOOKING_TRANSITIONS: Record<BookingStatus, Partial<Record<BookingAction, BookingStatus>>> = {
  // The provider may re-quote while the resident has not accepted.
  requested: { quote: 'quoted', decline: 'declined', cancel: 'cancelled' },
  quoted: { quote: 'quoted', accept: 'accepted', decline: 'declined', cancel: 'cancelled' },
  accepted: { start: 'active', cancel: 'cancelled' },
  active: { complete: 'completed', cancel: 'cancelled' },
  completed: {},
  cancelled: {},
  declined: {},
};

export function nextBookingStatus(from: BookingStatus, action: BookingAction): BookingStatus | null {
  return BOOKING_TRANSITIONS[from][action] ?? null;
}

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  requested: 'Waiting for a quote',
  quoted: 'Quoted',
  accepted: 'Accepted',
  active: 'Care under way',
  completed: 'Completed',
  cancelled: 'Cancelled',
  declined: 'Declined',
};

export const INVOICE_STATUSES = ['submitted', 'approved', 'paid', 'disputed', 'rejected'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const INVOICE_ACTIONS = ['approve', 'pay', 'dispute', 'resolve_approve', 'resolve_reject'] as const;
export type InvoiceAction = (typeof INVOICE_ACTIONS)[number];

const INVOICE_TRANSITIONS: Record<InvoiceStatus, Partial<Record<InvoiceAction, InvoiceStatus>>> = {
  submitted: { approve: 'approved', dispute: 'disputed' },
  approved: { pay: 'paid', dispute: 'disputed' },
  // Council staff resolve a dispute: the invoice stands (approved, then payable) or is rejected.
  disputed: { resolve_approve: 'approved', resolve_reject: 'rejected' },
  paid: {},
  rejected: {},
};

export function nextInvoiceStatus(from: InvoiceStatus, action: InvoiceAction): InvoiceStatus | null {
  return INVOICE_TRANSITIONS[from][action] ?? null;
}

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  submitted: 'Waiting for approval',
  approved: 'Approved, not yet paid',
  paid: 'Paid',
  disputed: 'Disputed',
  rejected: 'Rejected',
};

/** The council's brokerage income on a paid invoice, rounded to the nearest penny (half up). */
export function brokerageFeePence(invoicePence: number, feePercent: number): number {
  return Math.round((invoicePence * feePercent) / 100);
}
