// Drizzle queries for questions and answers about a service.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  answers,
  questions,
  readAll,
  services,
  users,
  type Database,
  type Executor,
  type QuestionRow,
  type AnswerRow,
} from '@care-assist/db';
import type { PageRequest } from '@care-assist/domain';
import { countWhere, readFilteredPage } from '../paging.ts';

export function createQuestionRepository(db: Database) {
  return {
    async insertQuestion(values: typeof questions.$inferInsert, tx: Executor = db): Promise<QuestionRow> {
      const [row] = await tx.insert(questions).values(values).returning();
      return row!;
    },

    async insertAnswer(values: typeof answers.$inferInsert, tx: Executor = db): Promise<AnswerRow> {
      const [row] = await tx.insert(answers).values(values).returning();
      return row!;
    },

    async findQuestion(id: string, tx: Executor = db, forUpdate = false): Promise<QuestionRow | undefined> {
      const query = tx.select().from(questions).where(eq(questions.id, id));
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    async findAnswer(id: string, tx: Executor = db, forUpdate = false): Promise<AnswerRow | undefined> {
      const query = tx.select().from(answers).where(eq(answers.id, id));
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    async setQuestion(id: string, values: Partial<QuestionRow>, tx: Executor) {
      await tx.update(questions).set(values).where(eq(questions.id, id));
    },

    async setAnswer(id: string, values: Partial<AnswerRow>, tx: Executor) {
      await tx.update(answers).set(values).where(eq(answers.id, id));
    },

    /** Published questions of a service, newest first, each with its published answers. */
    /** One page of a service's published questions (newest first), with all their published answers. */
    async publishedForService(serviceId: string, page: PageRequest, tx: Executor = db) {
      const where = and(eq(questions.serviceId, serviceId), eq(questions.status, 'published'));
      const { items: qs, ...counts } = await readFilteredPage(tx, page, {
        select: () =>
          tx
            .select({ question: questions, authorName: users.displayName })
            .from(questions)
            .innerJoin(users, eq(users.id, questions.authorId)),
        where,
        orderBy: [desc(questions.publishedAt), desc(questions.id)],
        counted: questions,
      });
      const as =
        qs.length === 0
          ? []
          : await tx
              .select({ answer: answers, authorName: users.displayName })
              .from(answers)
              .innerJoin(users, eq(users.id, answers.authorId))
              .where(
                and(
                  inArray(
                    answers.questionId,
                    qs.map((q) => q.question.id),
                  ),
                  eq(answers.status, 'published'),
                ),
              )
              .orderBy(asc(answers.publishedAt));
      return { questions: qs, answers: as, counts };
    },

    /**
     * One page of the moderation queue, questions and answers together, oldest first: the page's ids come from
     * one union of both tables, then each kind is read with its details.
     */
    async pendingPage(page: PageRequest, tx: Executor = db) {
      const [slice, questionCount, answerCount] = await readAll(tx, [
        () =>
          tx.execute<{ kind: 'question' | 'answer'; id: string }>(sql`
            select 'question' as kind, id, created_at from ${questions} where status = 'pending'
            union all
            select 'answer' as kind, id, created_at from ${answers} where status = 'pending'
            order by created_at, id limit ${page.limit} offset ${page.offset}`),
        () => countWhere(tx, questions, eq(questions.status, 'pending')),
        () => countWhere(tx, answers, eq(answers.status, 'pending')),
      ] as const);
      const ids = (kind: string) => slice.rows.filter((r) => r.kind === kind).map((r) => r.id);
      const [qs, as] = await readAll(tx, [
        () => this.pendingQuestions(ids('question'), tx),
        () => this.pendingAnswers(ids('answer'), tx),
      ] as const);
      return { order: slice.rows, questions: qs, answers: as, total: questionCount + answerCount };
    },

    async pendingQuestions(ids: string[], tx: Executor = db) {
      if (ids.length === 0) return [];
      return tx
        .select({ question: questions, authorName: users.displayName, serviceName: services.name })
        .from(questions)
        .innerJoin(users, eq(users.id, questions.authorId))
        .innerJoin(services, eq(services.id, questions.serviceId))
        .where(inArray(questions.id, ids));
    },

    async pendingAnswers(ids: string[], tx: Executor = db) {
      if (ids.length === 0) return [];
      return tx
        .select({
          answer: answers,
          authorName: users.displayName,
          serviceId: services.id,
          serviceName: services.name,
          questionBody: questions.body,
        })
        .from(answers)
        .innerJoin(users, eq(users.id, answers.authorId))
        .innerJoin(questions, eq(questions.id, answers.questionId))
        .innerJoin(services, eq(services.id, questions.serviceId))
        .where(inArray(answers.id, ids));
    },
  };
}
export type QuestionRepository = ReturnType<typeof createQuestionRepository>;
