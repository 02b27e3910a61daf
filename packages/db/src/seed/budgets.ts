// Demo money: the demo budget holder's personal budget with some history (an allocation, a booking with the
// demo provider "Chelmer Care Partnership" paid from it, a paid invoice and one waiting for approval), and two
// quote requests waiting in the demo provider's inbox. Ids are derived from names, so reruns are identical.
import { createHash } from 'node:crypto';
import { brokerageFeePence, costForDays } from '@care-assist/domain';
import type { Executor } from '../client.ts';
import {
  bookingEvents,
  bookingMessages,
  bookings,
  brokerageFees,
  budgetAccounts,
  budgetLedger,
  invoices,
  notifications,
} from '../schema/index.ts';
import type { DemoData } from './generate.ts';
import { DEMO_PROVIDER_ORGANISATION } from './users.ts';

/** The fee used for the demo history; the running API takes its own from configuration. */
const DEMO_BROKERAGE_FEE_PERCENT = 2.5;

function stableId(name: string): string {
  const h = createHash('sha256').update(`care-assist-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const at = (iso: string) => new Date(`${iso}Z`);

export async function seedBudgets(tx: Executor, data: DemoData): Promise<void> {
  const byKey = (email: string) => data.users.find((u) => u.email === email)!;
  const holder = byKey('budget.holder@demo.care-assist.test');
  const resident = byKey('resident@demo.care-assist.test');
  const providerUser = byKey('provider@demo.care-assist.test');
  const admin = byKey('admin@demo.care-assist.test');
  const organisation = data.organisations.find((o) => o.name === DEMO_PROVIDER_ORGANISATION)!;
  const theirServices = data.services.filter((s) => s.organisationId === organisation.id && s.status === 'published');
  const homeCare = theirServices.find((s) => s.careTypes.includes('home_care')) ?? theirServices[0]!;
  const other = theirServices.find((s) => s.id !== homeCare.id) ?? homeCare;

  const accountId = stableId('budget');
  await tx.insert(budgetAccounts).values({
    id: accountId,
    holderId: holder.id,
    councilReference: 'ECC-PB-2026-0417',
    startsOn: '2026-04-01',
    endsOn: '2027-03-31',
    createdBy: admin.id,
    createdAt: at('2026-04-01T09:00:00'),
    updatedAt: at('2026-04-01T09:00:00'),
  });

  // An active booking: 7 hours a week of home care for 12 weeks from 7 September, paid from the budget.
  const weeklyPence = 7 * (homeCare.pricePerHourPence ?? 2_800);
  const bookingId = stableId('booking-active');
  await tx.insert(bookings).values({
    id: bookingId,
    requesterId: holder.id,
    serviceId: homeCare.id,
    budgetAccountId: accountId,
    funding: 'budget',
    careType: 'home_care',
    hoursPerWeek: 7,
    startDate: '2026-09-07',
    durationWeeks: 12,
    notes: 'Help getting up and dressed each morning; I use a walking frame.',
    status: 'active',
    quoteWeeklyPence: weeklyPence,
    quoteStartDate: '2026-09-07',
    quoteTerms: 'Visits 8–9am daily. Two weeks notice to end the arrangement.',
    quotedAt: at('2026-08-26T11:20:00'),
    createdAt: at('2026-08-24T10:05:00'),
    updatedAt: at('2026-09-07T08:00:00'),
  });
  const events: [string | null, string, string, string, string][] = [
    [null, 'requested', holder.id, '', '2026-08-24T10:05:00'],
    ['requested', 'quoted', providerUser.id, `£${(weeklyPence / 100).toFixed(2)} a week`, '2026-08-26T11:20:00'],
    ['quoted', 'accepted', holder.id, 'Paid from budget ECC-PB-2026-0417', '2026-08-27T19:02:00'],
    ['accepted', 'active', providerUser.id, '', '2026-09-07T08:00:00'],
  ];
  await tx.insert(bookingEvents).values(
    events.map(([fromStatus, toStatus, actorId, note, when]) => ({
      bookingId,
      fromStatus: fromStatus as never,
      toStatus: toStatus as never,
      actorId,
      note,
      at: at(when),
    })),
  );
  await tx.insert(bookingMessages).values([
    {
      bookingId,
      authorId: holder.id,
      body: 'Could the carer be the same person most mornings? It helps me a lot.',
      createdAt: at('2026-08-25T09:12:00'),
    },
    {
      bookingId,
      authorId: providerUser.id,
      body: 'Yes — Joanne will be your regular carer, with Priya covering her days off.',
      createdAt: at('2026-08-25T14:40:00'),
    },
  ]);

  const paidInvoiceId = stableId('invoice-paid');
  const firstMonth = 4 * weeklyPence;
  await tx.insert(invoices).values([
    {
      id: paidInvoiceId,
      bookingId,
      periodStart: '2026-09-07',
      periodEnd: '2026-10-04',
      hours: 28,
      amountPence: firstMonth,
      status: 'paid',
      createdBy: providerUser.id,
      approvedBy: holder.id,
      paidAt: at('2026-10-08T10:00:00'),
      createdAt: at('2026-10-05T09:00:00'),
      updatedAt: at('2026-10-08T10:00:00'),
    },
    {
      id: stableId('invoice-waiting'),
      bookingId,
      periodStart: '2026-10-05',
      periodEnd: '2026-11-01',
      hours: 28,
      amountPence: firstMonth,
      status: 'submitted',
      createdBy: providerUser.id,
      createdAt: at('2026-11-02T09:00:00'),
      updatedAt: at('2026-11-02T09:00:00'),
    },
  ]);
  await tx.insert(brokerageFees).values({
    invoiceId: paidInvoiceId,
    organisationId: organisation.id,
    invoicePence: firstMonth,
    feePercent: DEMO_BROKERAGE_FEE_PERCENT,
    feePence: brokerageFeePence(firstMonth, DEMO_BROKERAGE_FEE_PERCENT),
    recordedAt: at('2026-10-08T10:00:00'),
  });

  const committed = costForDays(weeklyPence, 12 * 7);
  const service = homeCare.name;
  await tx.insert(budgetLedger).values([
    {
      budgetAccountId: accountId,
      kind: 'allocation',
      amountPence: 1_560_000,
      reason: 'Annual personal budget 2026/27 (care and support plan of 18 March 2026)',
      createdBy: admin.id,
      createdAt: at('2026-04-01T09:00:00'),
    },
    {
      budgetAccountId: accountId,
      kind: 'adjustment',
      amountPence: 52_000,
      reason: 'Reassessment after hospital discharge: extra support for July',
      createdBy: admin.id,
      createdAt: at('2026-07-14T15:30:00'),
    },
    {
      budgetAccountId: accountId,
      kind: 'commitment',
      amountPence: -committed,
      bookingId,
      reason: `${service}: 84 days to 2026-11-29 at £${(weeklyPence / 100).toFixed(2)} a week`,
      createdBy: holder.id,
      createdAt: at('2026-08-27T19:02:00'),
    },
    {
      budgetAccountId: accountId,
      kind: 'release',
      amountPence: firstMonth,
      bookingId,
      invoiceId: paidInvoiceId,
      reason: `${service}: invoice for 2026-09-07 to 2026-10-04`,
      createdBy: holder.id,
      createdAt: at('2026-10-08T10:00:00'),
    },
    {
      budgetAccountId: accountId,
      kind: 'payment',
      amountPence: -firstMonth,
      bookingId,
      invoiceId: paidInvoiceId,
      reason: `${service}: invoice for 2026-09-07 to 2026-10-04`,
      createdBy: holder.id,
      createdAt: at('2026-10-08T10:00:00'),
    },
  ]);

  // Two requests waiting for the demo provider to quote.
  const waiting = [
    {
      id: stableId('request-resident'),
      requesterId: resident.id,
      serviceId: other.id,
      careType: other.careTypes[0]!,
      hoursPerWeek: 10,
      startDate: '2026-12-14',
      durationWeeks: 8,
      notes: 'My husband has early dementia; we would like someone patient who can help with lunch.',
      createdAt: at('2026-11-03T16:45:00'),
    },
    {
      id: stableId('request-holder'),
      requesterId: holder.id,
      serviceId: homeCare.id,
      careType: 'home_care' as const,
      hoursPerWeek: 3,
      startDate: '2026-12-07',
      durationWeeks: 6,
      notes: 'An evening visit to help me get ready for bed, in addition to my mornings.',
      createdAt: at('2026-11-04T11:10:00'),
    },
  ];
  await tx.insert(bookings).values(waiting.map((w) => ({ ...w, updatedAt: w.createdAt })));
  await tx.insert(bookingEvents).values(
    waiting.map((w) => ({
      bookingId: w.id,
      actorId: w.requesterId,
      toStatus: 'requested' as const,
      at: w.createdAt,
    })),
  );
  await tx.insert(notifications).values([
    ...waiting.map((w) => ({
      userId: providerUser.id,
      kind: 'quote_requested',
      text: `${w.requesterId === holder.id ? holder.displayName : resident.displayName} asked for a quote.`,
      link: `/bookings/${w.id}`,
      createdAt: w.createdAt,
    })),
    {
      userId: holder.id,
      kind: 'invoice_issued',
      text: `${service} sent an invoice for £${(firstMonth / 100).toFixed(2)}.`,
      link: `/bookings/${bookingId}`,
      createdAt: at('2026-11-02T09:00:00'),
    },
  ]);
}
