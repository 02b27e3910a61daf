// One booking: its quote, history, messages and invoices, and what the viewer can do next.
// Every money-moving form carries an idempotency key rendered with the page, so a resubmission moves nothing.
import { error, fail } from '@sveltejs/kit';
import { parsePounds, type AcceptQuote, type BudgetAccount } from '@care-assist/domain';
import { api, problemMessage } from '$lib/server/api';
import { formString, formStrings } from '$lib/server/forms';
import { requireSignIn } from '$lib/server/access';
import { newFormKey, submit } from '$lib/server/money';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
  const accessToken = requireSignIn(locals, `/bookings/${params.id}`);
  const result = await api.booking(accessToken, params.id);
  if (!result.ok) error(result.status === 400 ? 404 : result.status, problemMessage(result.problem));
  let budgets: BudgetAccount[] = [];
  if (result.data.viewer === 'requester') {
    // A holder's own budgets: one per period, so the first page has every open one.
    const list = await api.budgets(accessToken, { per_page: '100' });
    if (list.ok) budgets = list.data.items.filter((b) => b.status === 'open');
  }
  // Arrived here straight after asking for a quote: say it was sent (the request-quote action adds ?sent=1).
  const justSent = url.searchParams.has('sent') && result.data.viewer === 'requester';
  return { booking: result.data, budgets, formKey: newFormKey(), justSent };
}) satisfies PageServerLoad;

export const actions = {
  quote: async ({ locals, params, request }) => {
    const form = await request.formData();
    const values = formStrings(form, ['weeklyPounds', 'startDate', 'terms']);
    const weeklyPence = parsePounds(values.weeklyPounds);
    if (weeklyPence === null || weeklyPence <= 0) {
      return fail(400, {
        action: 'quote',
        values,
        errors: { weeklyPounds: 'Enter a weekly price in pounds, like 350.00' },
      });
    }
    const result = await submit(
      form,
      () =>
        api.sendQuote(locals.accessToken, params.id, { weeklyPence, startDate: values.startDate, terms: values.terms }),
      { action: 'quote', values },
    );
    return result.ok ? { action: 'quote', done: 'Quote sent.' } : result.failure;
  },

  decline: async ({ locals, params, request }) => {
    const form = await request.formData();
    const values = { reason: formString(form, 'reason') };
    const result = await submit(form, () => api.declineBooking(locals.accessToken, params.id, values), {
      action: 'decline',
      values,
    });
    return result.ok ? { action: 'decline', done: 'Request declined.' } : result.failure;
  },

  accept: async ({ locals, params, request }) => {
    const form = await request.formData();
    // The API refuses any other way of paying, with the reason beside the form.
    const funding = formString(form, 'funding') as AcceptQuote['funding'];
    // Name the quote the resident was shown, so a re-quote in between is refused rather than accepted unseen.
    const seen = {
      quotedWeeklyPence: Number(formString(form, 'quotedWeeklyPence')),
      quotedAt: formString(form, 'quotedAt') || undefined,
    };
    const body =
      funding === 'budget'
        ? { funding, budgetAccountId: formString(form, 'budgetAccountId') || undefined, ...seen }
        : { funding, ...seen };
    const result = await submit(form, (key) => api.acceptQuote(locals.accessToken, params.id, body, key), {
      action: 'accept',
      money: true,
    });
    return result.ok ? { action: 'accept', done: 'Quote accepted.' } : result.failure;
  },

  start: async ({ locals, params, request }) => {
    const form = await request.formData();
    const result = await submit(form, () => api.startCare(locals.accessToken, params.id), { action: 'start' });
    return result.ok ? { action: 'start', done: 'Care started.' } : result.failure;
  },

  cancel: async ({ locals, params, request }) => {
    const form = await request.formData();
    const values = { reason: formString(form, 'reason') };
    const result = await submit(form, (key) => api.cancelBooking(locals.accessToken, params.id, values, key), {
      action: 'cancel',
      money: true,
      values,
    });
    return result.ok ? { action: 'cancel', done: 'Booking cancelled.' } : result.failure;
  },

  complete: async ({ locals, params, request }) => {
    const form = await request.formData();
    const result = await submit(form, (key) => api.completeBooking(locals.accessToken, params.id, key), {
      action: 'complete',
      money: true,
    });
    return result.ok ? { action: 'complete', done: 'Booking completed.' } : result.failure;
  },

  message: async ({ locals, params, request }) => {
    const form = await request.formData();
    const values = { body: formString(form, 'body') };
    if (!values.body) return fail(400, { action: 'message', values, errors: { body: 'Write a message' } });
    const result = await submit(form, () => api.sendMessage(locals.accessToken, params.id, values), {
      action: 'message',
      values,
    });
    return result.ok ? { action: 'message', done: 'Message sent.' } : result.failure;
  },

  invoice: async ({ locals, params, request }) => {
    const form = await request.formData();
    const values = formStrings(form, ['periodStart', 'periodEnd', 'hours', 'amountPounds']);
    const amountPence = parsePounds(values.amountPounds);
    if (amountPence === null || amountPence <= 0) {
      return fail(400, {
        action: 'invoice',
        values,
        errors: { amountPounds: 'Enter the amount in pounds, like 350.00' },
      });
    }
    const invoice = {
      periodStart: values.periodStart,
      periodEnd: values.periodEnd,
      hours: Number(values.hours || 0),
      amountPence,
    };
    const result = await submit(form, (key) => api.sendInvoice(locals.accessToken, params.id, invoice, key), {
      action: 'invoice',
      money: true,
      values,
    });
    return result.ok ? { action: 'invoice', done: 'Invoice sent.' } : result.failure;
  },

  approve: async ({ locals, request }) => invoiceStep(locals, await request.formData(), 'approve', 'Invoice approved.'),
  pay: async ({ locals, request }) => invoiceStep(locals, await request.formData(), 'pay', 'Invoice paid.'),
  dispute: async ({ locals, request }) => invoiceStep(locals, await request.formData(), 'dispute', 'Invoice disputed.'),
} satisfies Actions;

async function invoiceStep(locals: App.Locals, form: FormData, step: 'approve' | 'pay' | 'dispute', done: string) {
  const invoiceId = formString(form, 'invoiceId');
  if (!/^[0-9a-f-]{36}$/i.test(invoiceId)) return fail(400, { action: step, errors: { form: 'Choose an invoice' } });
  const body = step === 'dispute' ? { reason: formString(form, 'reason') } : undefined;
  const result = await submit(form, (key) => api.invoiceStep(locals.accessToken, invoiceId, step, body, key), {
    action: step,
    money: step !== 'dispute',
  });
  return result.ok ? { action: step, done } : result.failure;
}
