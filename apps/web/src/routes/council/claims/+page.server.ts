// Council staff: claims on organisations the CQC import created. Approving makes the claimant the owner;
// rejecting needs a reason and a note for the claimant.
import { error, fail } from '@sveltejs/kit';
import { MODERATION_REASON_CODES, type ModerationReason } from '@care-assist/domain';
import { api, problemMessage } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import { requirePermission } from '$lib/server/access';
import { pageQuery } from '$lib/paging';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const token = requirePermission(locals, url, 'verify_providers');
  const claims = await api.organisationClaims(token, pageQuery(url));
  if (!claims.ok) error(claims.status, { message: problemMessage(claims.problem) });
  return { claims: claims.data.items, list: claims.data };
}) satisfies PageServerLoad;

async function decide(
  action: 'approve' | 'reject',
  { request, locals, url }: { request: Request; locals: App.Locals; url: URL },
) {
  const token = requirePermission(locals, url, 'verify_providers');
  const form = await request.formData();
  const id = formString(form, 'id');
  const name = formString(form, 'name');
  const note = formString(form, 'note');
  const reasonCode = formString(form, 'reasonCode');
  if (action === 'reject') {
    const errors: Record<string, string> = {};
    if (!MODERATION_REASON_CODES.includes(reasonCode as ModerationReason)) errors.reasonCode = 'Choose a reason';
    if (note.length < 3) errors.note = 'Write a note for the claimant';
    if (Object.keys(errors).length) return fail(400, { id, action, errors, values: { note, reasonCode } });
  }
  const body = action === 'approve' ? (note ? { note } : {}) : { reasonCode: reasonCode as ModerationReason, note };
  const result = await api.decideClaim(token, id, action, body);
  if (!result.ok) {
    return fail(result.status, {
      id,
      action,
      errors: { form: problemMessage(result.problem) },
      values: { note, reasonCode },
    });
  }
  return { done: `${name || result.data.organisationName}: claim ${action === 'approve' ? 'approved' : 'rejected'}` };
}

export const actions = {
  approve: (event) => decide('approve', event),
  reject: (event) => decide('reject', event),
} satisfies Actions;
