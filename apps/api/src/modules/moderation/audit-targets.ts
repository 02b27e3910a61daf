// What the audit log's targets are, in words, and who escalated which review: the log stores ids (it must not
// change when a name does), so the people reading it get names looked up here, one query per kind of target
// (the queries are in repository.ts).
import type { Executor } from '@care-assist/db';
import { ESCALATION_TARGETS, type Escalation, type EscalationTarget } from '@care-assist/domain';
import type { ModerationRepository } from './repository.ts';

const quoteOf = (text: string) => `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
const shortBody = (text: string) => quoteOf(text.replace(/\s+/g, ' ').trim());

export function escalationTargetLabel(code: unknown): string {
  return typeof code === 'string' && code in ESCALATION_TARGETS
    ? ESCALATION_TARGETS[code as EscalationTarget]
    : 'someone not recorded';
}

export function createAuditTargets({ moderation }: { moderation: ModerationRepository }) {
  async function labelsFor(type: string, ids: string[], tx?: Executor): Promise<[string, string][]> {
    if (ids.length === 0) return [];
    switch (type) {
      case 'review': {
        const rows = await moderation.reviewsWithServiceAndAuthor(ids, tx);
        return rows.map((r) => [r.id, `Review ${quoteOf(r.title)} of ${r.service} by ${r.author}`]);
      }
      case 'review_group': {
        const rows = await moderation.reviewGroupsWithService(ids, tx);
        return rows.map((r) => [r.id, `Suspected burst of reviews of ${r.service}`]);
      }
      case 'service': {
        const rows = await moderation.serviceNames(ids, tx);
        return rows.map((r) => [r.id, `Listing ${r.name}, ${r.town}`]);
      }
      case 'organisation': {
        const rows = await moderation.organisationNames(ids, tx);
        return rows.map((r) => [r.id, `Organisation ${r.name}`]);
      }
      case 'user': {
        const rows = await moderation.userNames(ids, tx);
        return rows.map((r) => [r.id, `Account of ${r.name}`]);
      }
      case 'question': {
        const rows = await moderation.questionsWithService(ids, tx);
        return rows.map((r) => [r.id, `Question ${shortBody(r.body)} about ${r.service}`]);
      }
      case 'answer': {
        const rows = await moderation.answersWithService(ids, tx);
        return rows.map((r) => [r.id, `Answer ${shortBody(r.body)} about ${r.service}`]);
      }
      default:
        return [];
    }
  }

  return {
    /** Target id → words, for the log's rows; a target since deleted reads "a <type> that no longer exists". */
    async labels(targets: { targetType: string; targetId: string }[], tx?: Executor): Promise<Map<string, string>> {
      const byType = new Map<string, Set<string>>();
      for (const t of targets) byType.set(t.targetType, (byType.get(t.targetType) ?? new Set()).add(t.targetId));
      const found = await Promise.all([...byType].map(([type, ids]) => labelsFor(type, [...ids], tx)));
      const labels = new Map(found.flat());
      for (const t of targets) {
        if (!labels.has(t.targetId)) {
          labels.set(t.targetId, `A ${t.targetType.replaceAll('_', ' ')} that no longer exists`);
        }
      }
      return labels;
    },

    /** Each review's escalations, oldest first, with the moderator's name. */
    async escalations(reviewIds: string[], tx?: Executor): Promise<Map<string, Escalation[]>> {
      const result = new Map<string, Escalation[]>();
      if (reviewIds.length === 0) return result;
      const rows = await moderation.reviewEscalations(reviewIds, tx);
      for (const { entry, byName } of rows) {
        const list = result.get(entry.targetId) ?? [];
        list.push({
          byName,
          to: escalationTargetLabel(entry.details?.to),
          note: entry.note,
          at: entry.at.toISOString(),
        });
        result.set(entry.targetId, list);
      }
      return result;
    },
  };
}
export type AuditTargets = ReturnType<typeof createAuditTargets>;
