// Drizzle queries for the moderation audit log's readers: the names of its targets (one query per kind of target)
// and the escalations recorded against reviews.
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
  type ModerationActionRow,
} from '@care-assist/db';

export function createModerationRepository(db: Database) {
  return {
    async reviewsWithServiceAndAuthor(ids: string[], tx: Executor = db) {
      return tx
        .select({ id: reviews.id, title: reviews.title, service: services.name, author: users.displayName })
        .from(reviews)
        .innerJoin(services, eq(services.id, reviews.serviceId))
        .innerJoin(users, eq(users.id, reviews.authorId))
        .where(inArray(reviews.id, ids));
    },

    async reviewGroupsWithService(ids: string[], tx: Executor = db) {
      return tx
        .select({ id: reviewGroups.id, service: services.name })
        .from(reviewGroups)
        .innerJoin(services, eq(services.id, reviewGroups.serviceId))
        .where(inArray(reviewGroups.id, ids));
    },

    async serviceNames(ids: string[], tx: Executor = db) {
      return tx
        .select({ id: services.id, name: services.name, town: services.town })
        .from(services)
        .where(inArray(services.id, ids));
    },

    async organisationNames(ids: string[], tx: Executor = db) {
      return tx
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.id, ids));
    },

    async userNames(ids: string[], tx: Executor = db) {
      return tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
    },

    async questionsWithService(ids: string[], tx: Executor = db) {
      return tx
        .select({ id: questions.id, body: questions.body, service: services.name })
        .from(questions)
        .innerJoin(services, eq(services.id, questions.serviceId))
        .where(inArray(questions.id, ids));
    },

    async answersWithService(ids: string[], tx: Executor = db) {
      return tx
        .select({ id: answers.id, body: answers.body, service: services.name })
        .from(answers)
        .innerJoin(questions, eq(questions.id, answers.questionId))
        .innerJoin(services, eq(services.id, questions.serviceId))
        .where(inArray(answers.id, ids));
    },

    /** The escalations of these reviews, oldest first, with the moderator's name. */
    async reviewEscalations(
      reviewIds: string[],
      tx: Executor = db,
    ): Promise<{ entry: ModerationActionRow; byName: string }[]> {
      return tx
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
    },
  };
}
export type ModerationRepository = ReturnType<typeof createModerationRepository>;
