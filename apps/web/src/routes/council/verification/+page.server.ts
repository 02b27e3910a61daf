// The council's verification queue: check a listing and its CQC ids, then publish, reject or suspend; and verify
// the organisation behind it.
import { error, fail } from '@sveltejs/kit';
import { SERVICE_STATUSES, type ServiceStatus } from '@care-assist/domain';
import { api, problemMessage } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import { decide } from '$lib/server/council-decision';
import { requirePermission } from '$lib/server/access';
import type { Actions, PageServerLoad } from './$types';

/** What of the action's event a decision uses. */
type DecisionEvent = { request: Request; locals: App.Locals; url: URL };

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

const DONE = { publish: 'published', reject: 'rejected', suspend: 'suspended' } as const;

const listingDecision = (action: 'publish' | 'reject' | 'suspend', { request, locals, url }: DecisionEvent) => {
  const token = requirePermission(locals, url, 'verify_providers');
  return decide(request, {
    action,
    approving: action === 'publish',
    noteFor: 'provider',
    send: (id, body) => api.moderateListing(token, id, action, body),
    done: (name, listing) => `${name || listing.name}: ${DONE[action]}`,
  });
};

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
  publish: (event) => listingDecision('publish', event),
  reject: (event) => listingDecision('reject', event),
  suspend: (event) => listingDecision('suspend', event),
} satisfies Actions;
