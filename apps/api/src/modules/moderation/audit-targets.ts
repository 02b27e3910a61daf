// What the audit log's targets are, in words, and who escalated which review: the log stores ids (it must not
// change when a name does), so the people reading it get names looked up here, one query per kind of target.
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  answers,
  moderationActions,
  organisations,
  questions,
  reviewGroups,
  reviews,
  services,
  users,
  type Database,
  type Executor,
} from '@care-assist/db';
import { ESCALATION_TARGETS, type Escalation, type EscalationTarget } from '@care-assist/domain';

const quoteOf = (text: string) => `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
const shortBody = (text: string) => quoteOf(text.replace(/\s+/g, ' ').trim());

export function escalationTargetLabel(code: unknown): string {
  return typeof code === 'string' && code in ESCALATION_TARGETS
    ? ESCALATION_TARGETS[code as EscalationTarget]
    : 'someone not recorded';
}

export function createAuditTargets(db: Database) {
  async function labelsFor(type: string, ids: string[], tx: Executor): Promise<[string, string][]> {
    if (ids.length === 0) return [];
    switch (type) {
      case 'review': {
        const rows = await tx
          .select({ id: reviews.id, title: reviews.title, service: services.name, author: users.displayName })
          .from(reviews)
          .innerJoin(services, eq(services.id, reviews.serviceId))
          .innerJoin(users, eq(users.id, reviews.authorId))
          .where(inArray(reviews.id, ids));
        return rows.map((r) => [r.id, `Review ${quoteOf(r.title)} of ${r.service} by ${r.author}`]);
      }
      case 'review_group': {
        const rows = await tx
          .select({ id: reviewGroups.id, service: services.name })
          .from(reviewGroups)
          .innerJoin(services, eq(services.id, reviewGroups.serviceId))
          .where(inArray(reviewGroups.id, ids));
        return rows.map((r) => [r.id, `Suspected burst of reviews of ${r.service}`]);
      }
      case 'service': {
        const rows = await tx
          .select({ id: services.id, name: services.name, town: services.town })
          .from(services)
          .where(inArray(services.id, ids));
        return rows.map((r) => [r.id, `Listing ${r.name}, ${r.town}`]);
      }
      case 'organisation': {
        const rows = await tx
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(inArray(organisations.id, ids));
        return rows.map((r) => [r.id, `Organisation ${r.name}`]);
      }
      case 'user': {
        const rows = await tx
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(inArray(users.id, ids));
        return rows.map((r) => [r.id, `Account of ${r.name}`]);
      }
      case 'question': {
        const rows = await tx
          .select({ id: questions.id, body: questions.body, service: services.name })
          .from(questions)
          .innerJoin(services, eq(services.id, questions.serviceId))
          .where(inArray(questions.id, ids));
        return rows.map((r) => [r.id, `Question ${shortBody(r.body)} about ${r.service}`]);
      }
      case 'answer': {
        const rows = await tx
          .select({ id: answers.id, body: answers.body, service: services.name })
          .from(answers)
          .innerJoin(questions, eq(questions.id, answers.questionId))
          .innerJoin(services, eq(services.id, questions.serviceId))
          .where(inArray(answers.id, ids));
        return rows.map((r) => [r.id, `Answer ${shortBody(r.body)} about ${r.service}`]);
      }
      default:
        return [];
    }
  }

  return {
    /** Target id → words, for the log's rows; a target since deleted reads "a <type> that no longer exists". */
    async labels(targets: { targetType: string; targetId: string }[], tx: Executor = db): Promise<Map<string, string>> {
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
    async escalations(reviewIds: string[], tx: Executor = db): Promise<Map<string, Escalation[]>> {
      const result = new Map<string, Escalation[]>();
      if (reviewIds.length === 0) return result;
      const rows = await tx
        .select({ entry: moderationActions, byName: users.displayName })
        .from(moderationActions)
        .innerJoin(users, eq(users.id, moderationActions.actorId))
        .where(
          and(
            eq(moderationActions.targetType, 'review'),
            eq(moderationActions.action, 'escalate'),
            inArray(moderationActions.targetId, reviewIds),
          ),
        )
        .orderBy(asc(moderationActions.at));
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
