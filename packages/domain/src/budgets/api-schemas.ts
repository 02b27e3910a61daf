// The HTTP contract for budgets, bookings, invoices and notifications (shared by the API and the web app).
import { Type, type Static } from 'typebox';
import { CARE_TYPE_CODES } from '../taxonomy.ts';
import { PageSchema } from '../pagination/page.ts';
import { LEDGER_ENTRY_KINDS, MAX_AMOUNT_PENCE } from './ledger.ts';
import { BOOKING_STATUSES, INVOICE_STATUSES } from './state-machines.ts';

const Uuid = Type.String({ format: 'uuid' });
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Timestamp = Type.String({ format: 'date-time' });
/** Whole pence above zero and below the sane maximum (£1,000,000). */
export const PositivePenceSchema = Type.Integer({ minimum: 1, maximum: MAX_AMOUNT_PENCE });
const Reason = Type.String({ minLength: 3, maxLength: 500 });

export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.String({
    minLength: 8,
    maxLength: 200,
    pattern: '^[A-Za-z0-9._:-]+$',
    description: 'A unique key per intended operation; a retry with the same key returns the first answer.',
  }),
});

export const BudgetAccountStatusSchema = Type.Enum(['open', 'closed']);

export const OpenBudgetRequestSchema = Type.Object(
  {
    holderEmail: Type.String({ format: 'email', maxLength: 320 }),
    councilReference: Type.String({ minLength: 2, maxLength: 60 }),
    startsOn: IsoDate,
    endsOn: IsoDate,
    allocatedPence: PositivePenceSchema,
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
);
export type OpenBudgetRequest = Static<typeof OpenBudgetRequestSchema>;

export const BudgetMoneyRequestSchema = Type.Object(
  {
    kind: Type.Enum(['allocation', 'adjustment']),
    amountPence: Type.Integer({ minimum: -MAX_AMOUNT_PENCE, maximum: MAX_AMOUNT_PENCE, not: { const: 0 } }),
    reason: Reason,
  },
  { additionalProperties: false },
);
export type BudgetMoneyRequest = Static<typeof BudgetMoneyRequestSchema>;

export const LedgerEntrySchema = Type.Object({
  id: Uuid,
  kind: Type.Enum([...LEDGER_ENTRY_KINDS]),
  amountPence: Type.Integer(),
  availableAfterPence: Type.Integer(),
  bookingId: Type.Union([Uuid, Type.Null()]),
  invoiceId: Type.Union([Uuid, Type.Null()]),
  reason: Type.String(),
  createdAt: Timestamp,
});
export type LedgerEntry = Static<typeof LedgerEntrySchema>;

export const BudgetFiguresSchema = Type.Object({
  allocatedPence: Type.Integer(),
  adjustmentsPence: Type.Integer(),
  committedPence: Type.Integer(),
  paidPence: Type.Integer(),
  availablePence: Type.Integer(),
});

export const BudgetAccountSchema = Type.Object({
  id: Uuid,
  holderId: Uuid,
  holderName: Type.String(),
  councilReference: Type.String(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  status: BudgetAccountStatusSchema,
  figures: BudgetFiguresSchema,
});
export type BudgetAccount = Static<typeof BudgetAccountSchema>;

export const BudgetDetailSchema = Type.Object({
  ...BudgetAccountSchema.properties,
  entries: Type.Array(LedgerEntrySchema),
});
export type BudgetDetail = Static<typeof BudgetDetailSchema>;

export const StatementQuerySchema = Type.Object(
  { from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) },
  { additionalProperties: false },
);

export const BookingNeedSchema = Type.Object(
  {
    careType: Type.Enum([...CARE_TYPE_CODES]),
    hoursPerWeek: Type.Optional(Type.Integer({ minimum: 1, maximum: 168 })),
    nightsPerWeek: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
    startDate: IsoDate,
    durationWeeks: Type.Integer({ minimum: 1, maximum: 104 }),
    notes: Type.String({ maxLength: 2000, default: '' }),
  },
  { additionalProperties: false },
);
export type BookingNeed = Static<typeof BookingNeedSchema>;

export const RequestQuoteSchema = Type.Object(
  { ...BookingNeedSchema.properties, serviceId: Uuid },
  { additionalProperties: false },
);
export type RequestQuote = Static<typeof RequestQuoteSchema>;

export const QuoteSchema = Type.Object(
  {
    weeklyPence: PositivePenceSchema,
    startDate: IsoDate,
    terms: Type.String({ minLength: 3, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type Quote = Static<typeof QuoteSchema>;

export const AcceptQuoteSchema = Type.Object(
  {
    funding: Type.Enum(['budget', 'self_funded']),
    budgetAccountId: Type.Optional(Uuid),
    /**
     * The quote the resident saw and is accepting: its weekly price, and when it was made (the quote's version).
     * If the provider has re-quoted since, accepting is refused (409) with the new figure.
     */
    quotedWeeklyPence: PositivePenceSchema,
    quotedAt: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type AcceptQuote = Static<typeof AcceptQuoteSchema>;

export const ReasonBodySchema = Type.Object({ reason: Reason }, { additionalProperties: false });
export type ReasonBody = Static<typeof ReasonBodySchema>;
export const EmptyBodySchema = Type.Object({}, { additionalProperties: false });
export const MessageBodySchema = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 4000 }) },
  { additionalProperties: false },
);
export type MessageBody = Static<typeof MessageBodySchema>;

export const BookingStatusSchema = Type.Enum([...BOOKING_STATUSES]);
export const InvoiceStatusSchema = Type.Enum([...INVOICE_STATUSES]);

export const BookingEventSchema = Type.Object({
  fromStatus: Type.Union([BookingStatusSchema, Type.Null()]),
  toStatus: BookingStatusSchema,
  actorName: Type.String(),
  note: Type.String(),
  at: Timestamp,
});

export const BookingMessageSchema = Type.Object({
  id: Uuid,
  authorName: Type.String(),
  fromProvider: Type.Boolean(),
  body: Type.String(),
  at: Timestamp,
});

export const InvoiceSchema = Type.Object({
  id: Uuid,
  bookingId: Uuid,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  hours: Type.Number(),
  amountPence: Type.Integer(),
  status: InvoiceStatusSchema,
  disputeReason: Type.Union([Type.String(), Type.Null()]),
  brokerageFeePence: Type.Union([Type.Integer(), Type.Null()]),
  paidAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
});
export type Invoice = Static<typeof InvoiceSchema>;

export const BookingSummarySchema = Type.Object({
  id: Uuid,
  serviceId: Uuid,
  serviceName: Type.String(),
  serviceSlug: Type.String(),
  /** Whether the service takes payment from a personal budget or direct payment (its funding accepted). */
  acceptsPersonalBudget: Type.Boolean(),
  organisationName: Type.String(),
  requesterId: Uuid,
  requesterName: Type.String(),
  status: BookingStatusSchema,
  funding: Type.Union([Type.Enum(['budget', 'self_funded']), Type.Null()]),
  budgetAccountId: Type.Union([Uuid, Type.Null()]),
  need: BookingNeedSchema,
  quote: Type.Union([
    Type.Object({ weeklyPence: Type.Integer(), startDate: IsoDate, terms: Type.String(), quotedAt: Timestamp }),
    Type.Null(),
  ]),
  declineReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type BookingSummary = Static<typeof BookingSummarySchema>;

export const BookingDetailSchema = Type.Object({
  ...BookingSummarySchema.properties,
  history: Type.Array(BookingEventSchema),
  messages: Type.Array(BookingMessageSchema),
  invoices: Type.Array(InvoiceSchema),
  committedPence: Type.Integer(),
  viewer: Type.Enum(['requester', 'provider', 'council']),
});
export type BookingDetail = Static<typeof BookingDetailSchema>;

export const InvoiceRequestSchema = Type.Object(
  {
    periodStart: IsoDate,
    periodEnd: IsoDate,
    hours: Type.Number({ minimum: 0, maximum: 1000, multipleOf: 0.25 }),
    amountPence: PositivePenceSchema,
  },
  { additionalProperties: false },
);
export type InvoiceRequest = Static<typeof InvoiceRequestSchema>;

export const ResolveDisputeSchema = Type.Object(
  { outcome: Type.Enum(['approve', 'reject']), note: Reason },
  { additionalProperties: false },
);
export type ResolveDispute = Static<typeof ResolveDisputeSchema>;

/** An invoice waiting for council staff to resolve its dispute, with the booking it belongs to. */
export const DisputedInvoiceSchema = Type.Object({
  ...InvoiceSchema.properties,
  serviceName: Type.String(),
  organisationName: Type.String(),
  requesterName: Type.String(),
  disputedAt: Timestamp,
});
export type DisputedInvoice = Static<typeof DisputedInvoiceSchema>;

export const NotificationSchema = Type.Object({
  id: Uuid,
  kind: Type.String(),
  text: Type.String(),
  link: Type.String(),
  readAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
});
export type Notification = Static<typeof NotificationSchema>;

/** A page of notifications, newest first, with the unread count of all of them. */
export const NotificationListSchema = PageSchema(NotificationSchema, { unreadCount: Type.Integer({ minimum: 0 }) });
export type NotificationList = Static<typeof NotificationListSchema>;

export const BrokerageIncomeSchema = Type.Object({
  feePercent: Type.Number(),
  totalPence: Type.Integer(),
  byMonth: Type.Array(Type.Object({ month: Type.String(), feePence: Type.Integer(), invoices: Type.Integer() })),
  byProvider: Type.Array(
    Type.Object({
      organisationId: Uuid,
      organisationName: Type.String(),
      feePence: Type.Integer(),
      invoices: Type.Integer(),
    }),
  ),
});
export type BrokerageIncome = Static<typeof BrokerageIncomeSchema>;
