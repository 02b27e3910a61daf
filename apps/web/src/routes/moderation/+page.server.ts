// The council moderation queue: pending, reported and safeguarding reviews, with their pre-checks.
import { error, fail } from '@sveltejs/kit';
import {
  CONTACT_WRITER_LIMITS,
  ESCALATION_TARGETS,
  MODERATION_QUEUES,
  REJECT_REASONS,
  type EscalationTarget,
  type ModerationQueue,
  type RejectReason,
} from '@care-assist/domain';
import { api, problemMessage } from '$lib/server/api';
import { formString } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/access';
import { pageQuery } from '$lib/paging';

export const load = (async ({ locals, url }) => {
  requirePermission(locals, url, 'moderate');
  const requested = url.searchParams.get('queue') ?? 'pending';
  if (requested === 'questions') {
    const texts = await api.questionQueue(locals.accessToken, pageQuery(url));
    if (!texts.ok) error(texts.status, { message: problemMessage(texts.problem) });
    return {
      queue: 'questions' as const,
      reviews: [],
      texts: texts.data.items,
      list: texts.data,
      groups: [],
      groupsTotal: 0,
    };
  }
  const queue: ModerationQueue = (MODERATION_QUEUES as readonly string[]).includes(requested)
    ? (requested as ModerationQueue)
    : 'pending';
  const result = await api.moderationQueue(locals.accessToken, queue, pageQuery(url));
  if (!result.ok) error(result.status === 403 ? 403 : result.status, { message: problemMessage(result.problem) });
  const list = result.data;
  if (queue !== 'pending') return { queue, reviews: list.items, list, texts: [], groups: [], groupsTotal: 0 };
  // Suspected bursts are shown and decided as groups above the queue, not one by one within it.
  const groups = await api.reviewGroups(locals.accessToken);
  if (!groups.ok) error(groups.status, { message: problemMessage(groups.problem) });
  const grouped = new Set(groups.data.items.flatMap((g) => g.reviews.map((r) => r.id)));
  return {
    queue,
    reviews: list.items.filter((r) => !grouped.has(r.id)),
    list,
    texts: [],
    groups: groups.data.items,
    groupsTotal: groups.data.total,
  };
}) satisfies PageServerLoad;

export const actions = {
  text: async ({ request, locals }) => {
    const form = await request.formData();
    const id = formString(form, 'id');
    const kind = formString(form, 'kind') === 'answer' ? 'answer' : 'question';
    const decision = formString(form, 'decision') === 'reject' ? 'reject' : 'publish';
    const reasonCode = formString(form, 'reasonCode');
    if (decision === 'reject' && !(reasonCode in REJECT_REASONS)) {
      return fail(400, { reviewId: id, message: 'Choose a reason for rejecting it.' });
    }
    const result = await api.moderateText(locals.accessToken, kind, id, {
      decision,
      ...(decision === 'reject' ? { reasonCode: reasonCode as RejectReason } : {}),
    });
    if (!result.ok) return fail(result.status, { reviewId: id, message: problemMessage(result.problem) });
    return { reviewId: id, message: `Done: the ${kind} is now ${result.data.status}.` };
  },
  group: async ({ request, locals }) => {
    const form = await request.formData();
    const groupId = formString(form, 'groupId');
    const decision = formString(form, 'decision');
    const reasonCode = formString(form, 'reasonCode');
    const note = formString(form, 'note');
    if (decision !== 'reject' && decision !== 'dismiss') {
      return fail(400, { groupId, message: 'Choose reject all or not a burst.' });
    }
    if (decision === 'reject' && !(reasonCode in REJECT_REASONS)) {
      return fail(400, { groupId, message: 'Choose a reason to give every writer.' });
    }
    const result = await api.decideReviewGroup(locals.accessToken, groupId, {
      decision,
      ...(decision === 'reject' ? { reasonCode: reasonCode as RejectReason } : {}),
      ...(note ? { note } : {}),
    });
    if (!result.ok) return fail(result.status, { groupId, message: problemMessage(result.problem) });
    const count = result.data.reviews.length;
    return {
      groupId,
      message:
        decision === 'reject'
          ? `Done: ${count} reviews of ${result.data.serviceName} rejected.`
          : `Done: the ${count} reviews of ${result.data.serviceName} are back in the queue to moderate one by one.`,
    };
  },
  review: async ({ request, locals }) => {
    const form = await request.formData();
    const reviewId = formString(form, 'reviewId');
    const decision = formString(form, 'decision');
    const reasonCode = formString(form, 'reasonCode');
    const note = formString(form, 'note');
    const outcome = (ok: boolean, message: string, field?: string) => ({
      reviewId,
      action: 'review' as const,
      ok,
      message,
      ...(field ? { field } : {}),
    });
    if (!['publish', 'reject', 'request_edit'].includes(decision)) {
      return fail(400, outcome(false, 'Choose publish, reject or ask for changes.'));
    }
    if (decision !== 'publish' && !(reasonCode in REJECT_REASONS)) {
      return fail(400, outcome(false, 'Choose a reason to give the author.', 'reasonCode'));
    }
    const result = await api.moderateReview(locals.accessToken, reviewId, {
      decision: decision as 'publish' | 'reject' | 'request_edit',
      ...(reasonCode && decision !== 'publish' ? { reasonCode: reasonCode as RejectReason } : {}),
      ...(note ? { note } : {}),
    });
    if (!result.ok) return fail(result.status, outcome(false, problemMessage(result.problem)));
    return outcome(true, `Done: “${result.data.title}” is now ${result.data.status.replace('_', ' ')}.`);
  },
  escalate: async ({ request, locals }) => {
    const form = await request.formData();
    const reviewId = formString(form, 'reviewId');
    const to = formString(form, 'to');
    const note = formString(form, 'note');
    const outcome = (ok: boolean, message: string) => ({ reviewId, action: 'escalate' as const, ok, message });
    if (!(to in ESCALATION_TARGETS)) return fail(400, outcome(false, 'Choose who you passed the concern to.'));
    const result = await api.escalateReview(locals.accessToken, reviewId, {
      to: to as EscalationTarget,
      ...(note ? { note } : {}),
    });
    if (!result.ok) return fail(result.status, outcome(false, problemMessage(result.problem)));
    return outcome(true, `Escalated to ${ESCALATION_TARGETS[to as EscalationTarget]}. Now decide the review.`);
  },
  contact: async ({ request, locals }) => {
    const form = await request.formData();
    const reviewId = formString(form, 'reviewId');
    const message = formString(form, 'message');
    const outcome = (ok: boolean, text: string) => ({ reviewId, action: 'contact' as const, ok, message: text });
    if (message.length < CONTACT_WRITER_LIMITS.min) {
      return fail(
        400,
        outcome(false, `Write your message to the writer (at least ${CONTACT_WRITER_LIMITS.min} characters).`),
      );
    }
    const result = await api.contactReviewWriter(locals.accessToken, reviewId, {
      message: message.slice(0, CONTACT_WRITER_LIMITS.max),
    });
    if (!result.ok) return fail(result.status, outcome(false, problemMessage(result.problem)));
    return outcome(true, `Your message was sent to ${result.data.authorName.replace(/\.$/, '')}.`);
  },
} satisfies Actions;
