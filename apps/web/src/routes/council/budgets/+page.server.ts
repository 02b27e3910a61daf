// Council staff: every personal budget, and a form to open one for a resident (picked by their email address).
// The form carries an idempotency key rendered with the page, so submitting it twice opens one budget.
import { fail, redirect } from '@sveltejs/kit';
import { MAX_AMOUNT_PENCE, parsePounds, type BudgetAccount } from '@care-assist/domain';
import { api, problemMessage } from '$lib/server/api';
import { formStrings } from '$lib/server/forms';
import { requirePermission } from '$lib/server/access';
import { pageQuery } from '$lib/paging';
import { newFormKey, submit } from '$lib/server/money';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const accessToken = requirePermission(locals, '/council/budgets', 'manage_budgets');
  const list = await api.budgets(accessToken, pageQuery(url));
  if (!list.ok)
    return {
      budgets: [] as BudgetAccount[],
      list: null,
      loadError: problemMessage(list.problem),
      formKey: newFormKey(),
    };
  return { budgets: list.data.items, list: list.data, loadError: null, formKey: newFormKey() };
}) satisfies PageServerLoad;

export const actions = {
  open: async ({ locals, request }) => {
    requirePermission(locals, '/council/budgets', 'manage_budgets');
    const form = await request.formData();
    const values = formStrings(form, [
      'holderEmail',
      'councilReference',
      'startsOn',
      'endsOn',
      'allocatedPounds',
      'reason',
    ]);
    const errors: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.holderEmail)) {
      errors.holderEmail = "Enter the resident's email address, like name@example.com";
    }
    if (values.councilReference.length < 2 || values.councilReference.length > 60) {
      errors.councilReference = 'Enter the council reference (2 to 60 characters)';
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.startsOn)) errors.startsOn = 'Enter the date the budget starts';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.endsOn)) errors.endsOn = 'Enter the date the budget ends';
    else if (!errors.startsOn && values.endsOn < values.startsOn) errors.endsOn = 'Must be on or after the start date';
    const allocatedPence = parsePounds(values.allocatedPounds);
    if (allocatedPence === null || allocatedPence <= 0 || allocatedPence > MAX_AMOUNT_PENCE) {
      errors.allocatedPounds = 'Enter the amount allocated in pounds, above £0 and up to £1,000,000, like 12000.00';
    }
    if (values.reason && (values.reason.length < 3 || values.reason.length > 500)) {
      errors.reason = 'Write a reason of 3 to 500 characters, or leave it empty';
    }
    if (Object.keys(errors).length > 0 || allocatedPence === null) return fail(400, { action: 'open', values, errors });

    const budget = {
      holderEmail: values.holderEmail,
      councilReference: values.councilReference,
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      allocatedPence,
      ...(values.reason ? { reason: values.reason } : {}),
    };
    const result = await submit(form, (key) => api.openBudget(locals.accessToken, budget, key), {
      action: 'open',
      money: true,
      values,
    });
    if (!result.ok) return renameFields(result.failure);
    redirect(303, `/council/budgets/${result.data.id}?opened=1`);
  },
} satisfies Actions;

/** The API names the amount in pence; the form asks for pounds. */
function renameFields<T>(failure: T): T {
  const data = (failure as { data?: { errors?: Record<string, string> } }).data;
  if (data?.errors?.allocatedPence) {
    data.errors.allocatedPounds = data.errors.allocatedPence;
    delete data.errors.allocatedPence;
  }
  return failure;
}
