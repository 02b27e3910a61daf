// The council's verification queue: check a listing and its CQC ids, then publish, reject or suspend; and verify
// the organisation behind it.
import { error, fail } from '@sveltejs/kit';
import {
  MODERATION_REASON_CODES,
  SERVICE_STATUSES,
  type ModerationReason,
  type ServiceStatus,
} from '@care-assist/domain';
import { api, problemMessage } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import { requirePermission } from '$lib/server/access';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
  const token = requirePermission(locals, url, 'verify_providers');
  const asked = url.searchParams.get('status') ?? 'pending';
  const status: ServiceStatus = (SERVICE_STATUSES as readonly string[]).includes(asked)
    ? (asked as ServiceStatus)
    : 'pending';
  const queue = await api.verificationQueue(token, status);
  if (!queue.ok) error(queue.status, { message: problemMessage(queue.problem) });
  return { status, queue: queue.data };
}) satisfies PageServerLoad;

async function decide(
  action: 'publish' | 'reject' | 'suspend',
  { request, locals, url }: { request: Request; locals: App.Locals; url: URL },
) {
  const token = requirePermission(locals, url, 'verify_providers');
  const form = await request.formData();
  const id = formString(form, 'id');
  const name = formString(form, 'name');
  const note = formString(form, 'note');
  const reasonCode = formString(form, 'reasonCode');
  if (action !== 'publish') {
    const errors: Record<string, string> = {};
    if (!MODERATION_REASON_CODES.includes(reasonCode as ModerationReason)) errors.reasonCode = 'Choose a reason';
    if (note.length < 3) errors.note = 'Write a note for the provider';
    if (Object.keys(errors).length) return fail(400, { id, action, errors, values: { note, reasonCode } });
  }
  const body = action === 'publish' ? (note ? { note } : {}) : { reasonCode: reasonCode as ModerationReason, note };
  const result = await api.moderateListing(token, id, action, body);
  if (!result.ok) {
    return fail(result.status, {
      id,
      action,
      errors: { form: problemMessage(result.problem) },
      values: { note, reasonCode },
    });
  }
  return {
    done: `${name || result.data.name}: ${action === 'publish' ? 'published' : action === 'reject' ? 'rejected' : 'suspended'}`,
  };
}

export const actions = {
  // The council has checked who the organisation is (companies or charity register, CQC provider record).
  verifyOrganisation: async ({ request, locals, url }) => {
    const token = requirePermission(locals, url, 'verify_providers');
    const form = await request.formData();
    const organisationId = formString(form, 'organisationId');
    const result = await api.verifyOrganisation(token, organisationId);
    if (!result.ok) return fail(result.status, { errors: { form: problemMessage(result.problem) } });
    return { done: `${result.data.name}: organisation verified` };
  },
  publish: (event) => decide('publish', event),
  reject: (event) => decide('reject', event),
  suspend: (event) => decide('suspend', event),
} satisfies Actions;
