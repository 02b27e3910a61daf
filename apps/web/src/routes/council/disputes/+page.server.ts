// Council staff: invoices held in dispute, each with a form to uphold it (approved, payable) or reject it.
import { fail } from '@sveltejs/kit';
import type { DisputedInvoice, ResolveDispute } from '@care-assist/domain';
import { api, problemMessage } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import { requirePermission } from '$lib/server/access';
import { pageQuery } from '$lib/paging';
import { submit } from '$lib/server/money';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const accessToken = requirePermission(locals, '/council/disputes', 'manage_budgets');
  const result = await api.disputedInvoices(accessToken, pageQuery(url));
  if (!result.ok) return { invoices: [] as DisputedInvoice[], list: null, loadError: problemMessage(result.problem) };
  return { invoices: result.data.items, list: result.data, loadError: null };
}) satisfies PageServerLoad;

export const actions = {
  resolve: async ({ locals, request }) => {
    requirePermission(locals, '/council/disputes', 'manage_budgets');
    const form = await request.formData();
    const invoiceId = formString(form, 'invoiceId');
    const values = { invoiceId, outcome: formString(form, 'outcome'), note: formString(form, 'note') };
    const errors: Record<string, string> = {};
    if (!/^[0-9a-f-]{36}$/i.test(invoiceId)) errors.form = 'Choose an invoice';
    if (values.outcome !== 'approve' && values.outcome !== 'reject') {
      errors.outcome = 'Choose whether to uphold or reject the invoice';
    }
    if (values.note.length < 3 || values.note.length > 500) {
      errors.note = 'Write a note of 3 to 500 characters; the resident and the provider both see it';
    }
    if (Object.keys(errors).length > 0) return fail(400, { action: 'resolve', values, errors });

    const decision = { outcome: values.outcome as ResolveDispute['outcome'], note: values.note };
    const result = await submit(form, () => api.resolveDispute(locals.accessToken, invoiceId, decision), {
      action: 'resolve',
      values,
    });
    if (!result.ok) return result.failure;
    return {
      action: 'resolve',
      done: `Invoice ${values.outcome === 'approve' ? 'upheld: it can now be paid' : 'rejected'}. The resident and the provider have been told.`,
    };
  },
} satisfies Actions;
