// Invoices against bookings: the provider issues them for an active booking, the person who booked (or council
// staff) approves or disputes, council staff resolve disputes, and payment moves money from committed to paid.
// Approval and payment lock the budget account row first and re-check the ledger; payment also records the
// council's brokerage fee (a percentage from configuration) as income, once per invoice.
import {
  brokerageFeePence,
  formatPence,
  mapPage,
  INVOICE_STATUS_LABELS,
  nextInvoiceStatus,
  planPayment,
  type BookingDetail,
  type BrokerageIncome,
  type DisputedInvoice,
  type InvoiceAction,
  type InvoiceRequest,
  type Page,
  type PageRequest,
} from '@care-assist/domain';
import type { Executor } from '@care-assist/db';
import { Conflict, NotFound, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { requirePermission, requireSignIn } from '../../access.ts';
import { refusePlan } from '../budgets/service.ts';
import type { IdempotencyScope, StoredAnswer } from '../idempotency/idempotency.ts';
import type { BookingDeps } from './service.ts';
import { createPartyNotifier, otherSide } from './notify-parties.ts';
import type { BookingRecord, InvoiceRow } from './repository.ts';
import type { Parties } from './access.ts';
import { toInvoice } from './presenters.ts';

interface InvoiceDeps extends Omit<BookingDeps, 'listingActivity'> {
  /** The council's brokerage fee in percent, from configuration. */
  brokerageFeePercent: number;
}

const ACTION_WORDS: Record<InvoiceAction, string> = {
  approve: 'approved',
  pay: 'paid',
  dispute: 'disputed',
  resolve_approve: 'resolved',
  resolve_reject: 'resolved',
};

const PROVIDER: Parties = { viewers: ['provider'], named: 'the provider' };
/** Who approves, pays or disputes an invoice. */
const PAYER: Parties = { viewers: ['requester', 'council'], named: 'the person who booked the care or council staff' };

export function createInvoiceService(deps: InvoiceDeps) {
  const { db, bookings, budgets, access, idempotency, clock, brokerageFeePercent } = deps;
  const notifyParties = createPartyNotifier(deps);

  /** The invoice's booking opened for an action (see access.open); an invoice on a hidden booking is a 404 too. */
  async function openInvoice(actor: Actor | null, invoiceId: string, only?: Parties, tx: Executor = db) {
    const found = await bookings.findInvoice(invoiceId, tx);
    if (!found) throw new NotFound('There is no such invoice.');
    try {
      return await access.open(actor, found.invoice.bookingId, only, tx);
    } catch (error) {
      if (error instanceof NotFound) throw new NotFound('There is no such invoice.');
      throw error;
    }
  }

  function nextStatus(invoice: InvoiceRow, action: InvoiceAction) {
    const next = nextInvoiceStatus(invoice.status, action);
    if (!next) {
      throw new Conflict(
        `This invoice is "${INVOICE_STATUS_LABELS[invoice.status]}", so it cannot be ${ACTION_WORDS[action]}.`,
      );
    }
    return next;
  }

  /** Locks the booking's budget (if any) and then the invoice, and returns the freshly read invoice. */
  async function lockInvoice(tx: Executor, record: BookingRecord, invoiceId: string) {
    if (record.booking.budgetAccountId) await budgets.lockAccount(record.booking.budgetAccountId, tx);
    const invoice = await bookings.lockInvoice(invoiceId, tx);
    if (!invoice) throw new NotFound('There is no such invoice.');
    return invoice;
  }

  /**
   * Would paying this invoice from the booking's budget work right now? Refuses with 409 if not; gives the
   * ledger entries that pay it and their budget, or null for self-funded care.
   */
  async function checkPayable(tx: Executor, record: BookingRecord, amountPence: number) {
    const budgetAccountId = record.booking.budgetAccountId;
    if (!budgetAccountId) return null;
    const plan = planPayment(await budgets.entries(budgetAccountId, tx), record.booking.id, amountPence);
    if (!plan.ok) {
      if (plan.reason === 'insufficient_funds')
        throw new Conflict(`The budget cannot pay this invoice. ${plan.detail}`);
      refusePlan(plan);
    }
    return { budgetAccountId, entries: plan.entries };
  }

  return {
    async issue(
      actor: Actor | null,
      bookingId: string,
      input: InvoiceRequest,
      scope: IdempotencyScope,
    ): Promise<StoredAnswer<BookingDetail>> {
      requireSignIn(actor);
      const { who, record, viewer } = await access.open(actor, bookingId, PROVIDER);
      if (input.periodEnd < input.periodStart) {
        throw new ValidationFailed('The invoice period must end on or after the day it starts.', [
          { field: 'periodEnd', message: 'Must be on or after the start of the period' },
        ]);
      }
      const careStart = record.booking.quoteStartDate ?? record.booking.startDate;
      if (input.periodStart < careStart) {
        throw new ValidationFailed(`The invoice period starts before the care started on ${careStart}.`, [
          { field: 'periodStart', message: `Must be on or after ${careStart}` },
        ]);
      }
      if (input.periodEnd > clock().toISOString().slice(0, 10)) {
        throw new ValidationFailed('An invoice can only be for care already delivered.', [
          { field: 'periodEnd', message: 'Must not be in the future' },
        ]);
      }
      return idempotency.run<BookingDetail>(who.userId, scope, async (tx) => {
        const booking = await bookings.lock(bookingId, tx);
        if (booking?.status !== 'active') {
          throw new Conflict('Invoices can only be issued while the care is under way (an active booking).');
        }
        await bookings.insertInvoice(
          { bookingId, ...input, createdBy: who.userId, createdAt: clock(), updatedAt: clock() },
          tx,
        );
        await notifyParties(
          tx,
          record,
          'requester',
          'invoice_issued',
          `${record.service.name} sent an invoice for ${formatPence(input.amountPence)}.`,
        );
        return access.detail(bookingId, viewer, tx);
      });
    },

    async approve(
      actor: Actor | null,
      invoiceId: string,
      scope: IdempotencyScope,
    ): Promise<StoredAnswer<BookingDetail>> {
      requireSignIn(actor);
      const { who, record, viewer } = await openInvoice(actor, invoiceId, PAYER);
      return idempotency.run<BookingDetail>(who.userId, scope, async (tx) => {
        const invoice = await lockInvoice(tx, record, invoiceId);
        const next = nextStatus(invoice, 'approve');
        await checkPayable(tx, record, invoice.amountPence);
        await bookings.updateInvoice(invoiceId, { status: next, approvedBy: who.userId, updatedAt: clock() }, tx);
        await notifyParties(
          tx,
          record,
          'provider',
          'invoice_approved',
          `Your invoice for ${formatPence(invoice.amountPence)} was approved.`,
        );
        return access.detail(record.booking.id, viewer, tx);
      });
    },

    /** Payment: committed -> paid on the budget (or simply marked paid when self-funded), plus the brokerage fee. */
    async pay(actor: Actor | null, invoiceId: string, scope: IdempotencyScope): Promise<StoredAnswer<BookingDetail>> {
      requireSignIn(actor);
      const { who, record, viewer } = await openInvoice(actor, invoiceId, PAYER);
      return idempotency.run<BookingDetail>(who.userId, scope, async (tx, key) => {
        const invoice = await lockInvoice(tx, record, invoiceId);
        const next = nextStatus(invoice, 'pay');
        const payment = await checkPayable(tx, record, invoice.amountPence);
        if (payment) {
          await budgets.append(
            payment.entries.map((e) => ({
              ...e,
              budgetAccountId: payment.budgetAccountId,
              invoiceId,
              idempotencyKey: key,
              reason: `${record.service.name}: invoice for ${invoice.periodStart} to ${invoice.periodEnd}`,
              createdBy: who.userId,
            })),
            clock(),
            tx,
          );
        }
        await bookings.updateInvoice(invoiceId, { status: next, paidAt: clock(), updatedAt: clock() }, tx);
        await bookings.recordBrokerageFee(
          {
            invoiceId,
            organisationId: record.service.organisationId,
            invoicePence: invoice.amountPence,
            feePercent: brokerageFeePercent,
            feePence: brokerageFeePence(invoice.amountPence, brokerageFeePercent),
            recordedAt: clock(),
          },
          tx,
        );
        await notifyParties(
          tx,
          record,
          otherSide(viewer),
          'invoice_paid',
          `The invoice for ${formatPence(invoice.amountPence)} was paid.`,
        );
        return access.detail(record.booking.id, viewer, tx);
      });
    },

    async dispute(actor: Actor | null, invoiceId: string, reason: string): Promise<BookingDetail> {
      return db.transaction(async (tx) => {
        const { record, viewer } = await openInvoice(actor, invoiceId, PAYER, tx);
        const invoice = await lockInvoice(tx, record, invoiceId);
        const next = nextStatus(invoice, 'dispute');
        await bookings.updateInvoice(invoiceId, { status: next, disputeReason: reason, updatedAt: clock() }, tx);
        await notifyParties(
          tx,
          record,
          'provider',
          'invoice_disputed',
          `Your invoice for ${formatPence(invoice.amountPence)} was disputed: ${reason}`,
        );
        return access.detail(record.booking.id, viewer, tx);
      });
    },

    async resolve(
      actor: Actor | null,
      invoiceId: string,
      outcome: 'approve' | 'reject',
      note: string,
    ): Promise<BookingDetail> {
      const staff = requirePermission(actor, 'manage_budgets');
      return db.transaction(async (tx) => {
        const { record, viewer } = await openInvoice(staff, invoiceId, undefined, tx);
        const invoice = await lockInvoice(tx, record, invoiceId);
        const next = nextStatus(invoice, outcome === 'approve' ? 'resolve_approve' : 'resolve_reject');
        if (next === 'approved') await checkPayable(tx, record, invoice.amountPence);
        await bookings.updateInvoice(
          invoiceId,
          {
            status: next,
            resolutionNote: note,
            approvedBy: next === 'approved' ? staff.userId : null,
            updatedAt: clock(),
          },
          tx,
        );
        await notifyParties(
          tx,
          record,
          'both',
          'invoice_resolved',
          `The disputed invoice for ${formatPence(invoice.amountPence)} was ${next === 'approved' ? 'upheld' : 'rejected'} by the council: ${note}`,
        );
        return access.detail(record.booking.id, viewer, tx);
      });
    },

    /** Council staff: every invoice held in dispute, waiting for them to uphold or reject it. */
    async disputed(actor: Actor | null, page: PageRequest): Promise<Page<DisputedInvoice>> {
      requirePermission(actor, 'manage_budgets');
      return mapPage(await bookings.disputedInvoices(page), (row) => ({
        ...toInvoice(row.invoice, row.feePence),
        serviceName: row.serviceName,
        organisationName: row.organisationName,
        requesterName: row.requesterName,
        disputedAt: row.invoice.updatedAt.toISOString(),
      }));
    },

    async brokerageIncome(actor: Actor | null): Promise<BrokerageIncome> {
      requirePermission(actor, 'manage_budgets');
      const { byMonth, byProvider } = await bookings.brokerageIncome();
      return {
        feePercent: brokerageFeePercent,
        totalPence: byMonth.reduce((sum, m) => sum + m.feePence, 0),
        byMonth,
        byProvider,
      };
    },
  };
}
export type InvoiceService = ReturnType<typeof createInvoiceService>;
