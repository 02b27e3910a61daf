// Questions and answers between service users (and the provider), moderated like reviews: every text gets
// the same pre-checks, waits for a moderator, and each decision is audited.
import {
  needsSafeguarding,
  precheckText,
  QUESTION_LIMITS,
  type AnswerBody,
  type AskQuestionBody,
  pageOf,
  type Page,
  type PageRequest,
  type PendingText,
  type PublicQuestion,
  type TextDecisionBody,
  isCouncilRole,
} from '@care-assist/domain';
import type { Database } from '@care-assist/db';
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { publicName } from '../reviews/presenters.ts';
import type { ReviewRepository } from '../reviews/repository.ts';
import { requirePermission, requireRole, requireSignIn } from '../../access.ts';
import type { ServiceRepository } from '../services/repository.ts';
import type { QuestionRepository } from './repository.ts';
import type { ListingActivity } from '../outcomes/listing-activity.ts';
import type { ReviewEmails } from '../email/review-emails.ts';

interface QuestionDeps {
  db: Database;
  questions: QuestionRepository;
  reviews: ReviewRepository;
  services: ServiceRepository;
  /** Counts each question asked as an enquiry to the service (anonymous daily counter). */
  listingActivity?: ListingActivity;
  /** Tells the provider's members about a published question; nothing is e-mailed when absent. */
  emails?: Pick<ReviewEmails, 'questionPublished'>;
  clock: () => Date;
}

export function createQuestionService({
  db,
  questions,
  reviews,
  services,
  listingActivity,
  emails,
  clock,
}: QuestionDeps) {
  const checks = (text: string) => {
    const prechecks = precheckText({ text, minLength: QUESTION_LIMITS.questionMin });
    return { prechecks, safeguarding: needsSafeguarding(prechecks) };
  };

  return {
    async ask(actorOrNull: Actor | null, idOrSlug: string, body: AskQuestionBody): Promise<PublicQuestion> {
      const actor = requireRole(actorOrNull, 'resident', 'Only residents and their families can ask questions.');
      const record = await services.findPublishedByIdOrSlug(idOrSlug);
      if (!record) throw new NotFound('There is no published care service with that address.');
      const text = body.body.trim();
      if (text.length < QUESTION_LIMITS.questionMin) {
        throw new ValidationFailed('The question is too short.', [{ field: 'body', message: 'Write your question' }]);
      }
      const row = await questions.insertQuestion({
        serviceId: record.service.id,
        authorId: actor.userId,
        body: text,
        ...checks(text),
        createdAt: clock(),
        updatedAt: clock(),
      });
      await listingActivity?.countEnquiry(record.service.id);
      return {
        id: row.id,
        serviceId: row.serviceId,
        authorName: '',
        body: row.body,
        status: row.status,
        publishedAt: null,
        answers: [],
      };
    },

    async answer(
      actorOrNull: Actor | null,
      questionId: string,
      body: AnswerBody,
    ): Promise<{ id: string; status: string; serviceId: string }> {
      const actor = requireSignIn(actorOrNull);
      if (isCouncilRole(actor.role)) throw new Forbidden('Council staff do not answer questions here.');
      const question = await questions.findQuestion(questionId);
      if (!question || question.status !== 'published')
        throw new NotFound('There is no published question with that id.');
      const record = await services.findPublishedById(question.serviceId);
      if (!record) throw new NotFound('That care service is no longer listed.');
      const fromProvider = await reviews.isMember(actor.userId, record.service.organisationId);
      if (actor.role === 'provider' && !fromProvider) {
        throw new Forbidden('Providers can only answer questions about their own services.');
      }
      const text = body.body.trim();
      const row = await questions.insertAnswer({
        questionId,
        authorId: actor.userId,
        fromProvider,
        body: text,
        ...checks(text),
        createdAt: clock(),
        updatedAt: clock(),
      });
      return { id: row.id, status: row.status, serviceId: question.serviceId };
    },

    async listForService(idOrSlug: string, page: PageRequest): Promise<Page<PublicQuestion>> {
      const record = await services.findPublishedByIdOrSlug(idOrSlug);
      if (!record) throw new NotFound('There is no published care service with that address.');
      const { questions: qs, answers: as, counts } = await questions.publishedForService(record.service.id, page);
      const items = qs.map(({ question, authorName }) => ({
        id: question.id,
        serviceId: question.serviceId,
        authorName: publicName(authorName),
        body: question.body,
        status: question.status,
        publishedAt: question.publishedAt?.toISOString() ?? null,
        answers: as
          .filter((a) => a.answer.questionId === question.id)
          .map(({ answer, authorName: name }) => ({
            id: answer.id,
            authorName: answer.fromProvider ? `${publicName(name)} (the provider)` : publicName(name),
            fromProvider: answer.fromProvider,
            body: answer.body,
            publishedAt: answer.publishedAt?.toISOString() ?? null,
          })),
      }));
      return { ...counts, items };
    },

    async queue(actor: Actor | null, page: PageRequest): Promise<Page<PendingText>> {
      requirePermission(actor, 'moderate');
      const { order, questions: qs, answers: as, total } = await questions.pendingPage(page);
      const texts: PendingText[] = [
        ...qs.map(({ question, authorName, serviceName }) => ({
          kind: 'question' as const,
          id: question.id,
          serviceId: question.serviceId,
          serviceName,
          questionBody: null,
          body: question.body,
          authorName: publicName(authorName),
          fromProvider: false,
          prechecks: question.prechecks,
          safeguarding: question.safeguarding,
          createdAt: question.createdAt.toISOString(),
        })),
        ...as.map(({ answer, authorName, serviceId, serviceName, questionBody }) => ({
          kind: 'answer' as const,
          id: answer.id,
          serviceId,
          serviceName,
          questionBody,
          body: answer.body,
          authorName: publicName(authorName),
          fromProvider: answer.fromProvider,
          prechecks: answer.prechecks,
          safeguarding: answer.safeguarding,
          createdAt: answer.createdAt.toISOString(),
        })),
      ];
      // Back into the queue's order (oldest first across both kinds).
      const byKey = new Map(texts.map((t) => [`${t.kind}:${t.id}`, t]));
      const items = order.flatMap((o) => byKey.get(`${o.kind}:${o.id}`) ?? []);
      return pageOf(items, total, page);
    },

    async decide(
      actorOrNull: Actor | null,
      kind: 'question' | 'answer',
      id: string,
      body: TextDecisionBody,
    ): Promise<{ id: string; status: string }> {
      const actor = requirePermission(actorOrNull, 'moderate');
      if (body.decision === 'reject' && !body.reasonCode) {
        throw new ValidationFailed('A rejection needs a reason code.', [
          { field: 'reasonCode', message: 'Choose why it is rejected' },
        ]);
      }
      const status = body.decision === 'publish' ? ('published' as const) : ('rejected' as const);
      await db.transaction(async (tx) => {
        const row =
          kind === 'question' ? await questions.findQuestion(id, tx, true) : await questions.findAnswer(id, tx, true);
        if (!row) throw new NotFound(`There is no ${kind} with that id.`);
        if (row.status !== 'pending') throw new Conflict(`This ${kind} is already ${row.status}.`);
        const now = clock();
        const values = {
          status,
          rejectReason: body.reasonCode ?? null,
          publishedAt: status === 'published' ? now : null,
          updatedAt: now,
        };
        if (kind === 'question') await questions.setQuestion(id, values, tx);
        else await questions.setAnswer(id, values, tx);
        if (kind === 'question' && status === 'published') await emails?.questionPublished(tx, id);
        await reviews.audit(
          {
            actorId: actor.userId,
            targetType: kind,
            targetId: id,
            action: body.decision,
            reasonCode: body.reasonCode ?? null,
            note: body.note?.trim() || null,
            at: now,
          },
          tx,
        );
      });
      return { id, status };
    },
  };
}
export type QuestionService = ReturnType<typeof createQuestionService>;
