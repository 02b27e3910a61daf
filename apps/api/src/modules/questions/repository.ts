// Drizzle queries for questions and answers about a service.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { answers, questions, services, users, type Database, type Executor } from '@care-assist/db';

export type QuestionRow = typeof questions.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;

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
    async publishedForService(serviceId: string, tx: Executor = db) {
      const qs = await tx
        .select({ question: questions, authorName: users.displayName })
        .from(questions)
        .innerJoin(users, eq(users.id, questions.authorId))
        .where(and(eq(questions.serviceId, serviceId), eq(questions.status, 'published')))
        .orderBy(desc(questions.publishedAt))
        .limit(50);
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
      return { questions: qs, answers: as };
    },

    async pendingQuestions(tx: Executor = db) {
      return tx
        .select({ question: questions, authorName: users.displayName, serviceName: services.name })
        .from(questions)
        .innerJoin(users, eq(users.id, questions.authorId))
        .innerJoin(services, eq(services.id, questions.serviceId))
        .where(eq(questions.status, 'pending'))
        .orderBy(asc(questions.createdAt))
        .limit(100);
    },

    async pendingAnswers(tx: Executor = db) {
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
        .where(eq(answers.status, 'pending'))
        .orderBy(asc(answers.createdAt))
        .limit(100);
    },
  };
}
export type QuestionRepository = ReturnType<typeof createQuestionRepository>;
