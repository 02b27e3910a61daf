// Council staff: one personal budget (figures and every ledger entry) and a form to add an allocation or an
// adjustment with a reason. The form carries an idempotency key rendered with the page, so a resubmission adds
// the money once.
import { error, fail } from '@sveltejs/kit';
import { MAX_AMOUNT_PENCE, parsePounds, type BudgetMoneyRequest } from '@care-assist/domain';
import { api, problemMessage } from '$lib/server/api';
import { formStrings } from '$lib/server/forms';
import { requirePermission } from '$lib/server/access';
import { newFormKey, submit } from '$lib/server/money';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
  const accessToken = requirePermission(locals, `/council/budgets/${params.id}`, 'manage_budgets');
  if (!/^[0-9a-f-]{36}$/i.test(params.id)) error(404, 'There is no such budget');
  const result = await api.budget(accessToken, params.id);
  if (!result.ok) error(result.status === 400 ? 404 : result.status, problemMessage(result.problem));
  return { budget: result.data, opened: url.searchParams.has('opened'), formKey: newFormKey() };
}) satisfies PageServerLoad;

export const actions = {
  money: async ({ locals, params, request }) => {
    requirePermission(locals, `/council/budgets/${params.id}`, 'manage_budgets');
    const form = await request.formData();
    const values = formStrings(form, ['kind', 'amountPounds', 'reason']);
    const errors: Record<string, string> = {};
    if (values.kind !== 'allocation' && values.kind !== 'adjustment') {
      errors.kind = 'Choose an allocation or an adjustment';
    }
    const amountPence = parsePounds(values.amountPounds, { signed: true });
    if (amountPence === null || amountPence === 0 || Math.abs(amountPence) > MAX_AMOUNT_PENCE) {
      errors.amountPounds = 'Enter an amount in pounds up to £1,000,000, like 250.00 (or -250.00 to take money away)';
    } else if (values.kind === 'allocation' && amountPence < 0) {
      errors.amountPounds = 'An allocation must be above £0; use an adjustment to reduce the budget';
    }
    if (values.reason.length < 3 || values.reason.length > 500) {
      errors.reason = 'Write a reason of 3 to 500 characters; the resident sees it on their budget';
    }
    if (Object.keys(errors).length > 0 || amountPence === null) return fail(400, { action: 'money', values, errors });

    const entry = { kind: values.kind as BudgetMoneyRequest['kind'], amountPence, reason: values.reason };
    const result = await submit(form, (key) => api.addBudgetMoney(locals.accessToken, params.id, entry, key), {
      action: 'money',
      money: true,
      values,
    });
    if (!result.ok) {
      const data = (result.failure as { data?: { errors?: Record<string, string> } }).data;
      if (data?.errors?.amountPence) {
        data.errors.amountPounds = data.errors.amountPence;
        delete data.errors.amountPence;
      }
      return result.failure;
    }
    return {
      action: 'money',
      done: `${values.kind === 'allocation' ? 'Allocation' : 'Adjustment'} of ${amountPence < 0 ? '-' : ''}£${(Math.abs(amountPence) / 100).toFixed(2)} added.`,
    };
  },
} satisfies Actions;
