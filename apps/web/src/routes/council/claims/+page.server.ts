// Council staff: claims on organisations the CQC import created. Approving makes the claimant the owner;
// rejecting needs a reason and a note for the claimant.
import { error } from '@sveltejs/kit';
import { api, problemMessage } from '$lib/server/api';
import { decide } from '$lib/server/council-decision';
import { requirePermission } from '$lib/server/access';
import { pageQuery } from '$lib/paging';
import type { Actions, PageServerLoad } from './$types';

/** What of the action's event a decision uses. */
type DecisionEvent = { request: Request; locals: App.Locals; url: URL };

export const load = (async ({ locals, url }) => {
  const token = requirePermission(locals, url, 'verify_providers');
  const claims = await api.organisationClaims(token, pageQuery(url));
  if (!claims.ok) error(claims.status, { message: problemMessage(claims.problem) });
  return { claims: claims.data.items, list: claims.data };
}) satisfies PageServerLoad;

const claimDecision = (action: 'approve' | 'reject', { request, locals, url }: DecisionEvent) => {
  const token = requirePermission(locals, url, 'verify_providers');
  return decide(request, {
    action,
    approving: action === 'approve',
    noteFor: 'claimant',
    send: (id, body) => api.decideClaim(token, id, action, body),
    done: (name, claim) => `${name || claim.organisationName}: claim ${action === 'approve' ? 'approved' : 'rejected'}`,
  });
};

export const actions = {
  approve: (event) => claimDecision('approve', event),
  reject: (event) => claimDecision('reject', event),
} satisfies Actions;
