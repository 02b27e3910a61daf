// The HTTP contract for questions and answers about a service (moderated like reviews).
import { Type, type Static } from 'typebox';
import { REJECT_REASONS, type RejectReason } from '../ratings/schemas.ts';

export const QUESTION_STATUSES = ['pending', 'published', 'rejected'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const QUESTION_LIMITS = { questionMin: 10, answerMin: 2, max: 1000 } as const;

export const AskQuestionBodySchema = Type.Object(
  { body: Type.String({ minLength: QUESTION_LIMITS.questionMin, maxLength: QUESTION_LIMITS.max }) },
  { additionalProperties: false },
);
export type AskQuestionBody = Static<typeof AskQuestionBodySchema>;

export const AnswerBodySchema = Type.Object(
  { body: Type.String({ minLength: QUESTION_LIMITS.answerMin, maxLength: QUESTION_LIMITS.max }) },
  { additionalProperties: false },
);
export type AnswerBody = Static<typeof AnswerBodySchema>;

const Uuid = Type.String({ format: 'uuid' });

export const PublicAnswerSchema = Type.Object({
  id: Uuid,
  authorName: Type.String(),
  fromProvider: Type.Boolean(),
  body: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});

export const PublicQuestionSchema = Type.Object({
  id: Uuid,
  serviceId: Uuid,
  authorName: Type.String(),
  body: Type.String(),
  status: Type.Enum([...QUESTION_STATUSES]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  answers: Type.Array(PublicAnswerSchema),
});
export type PublicQuestion = Static<typeof PublicQuestionSchema>;

export const PendingTextSchema = Type.Object({
  kind: Type.Enum(['question', 'answer']),
  id: Uuid,
  serviceId: Uuid,
  serviceName: Type.String(),
  questionBody: Type.Union([Type.String(), Type.Null()], { description: 'For an answer: the question it answers' }),
  body: Type.String(),
  authorName: Type.String(),
  fromProvider: Type.Boolean(),
  prechecks: Type.Array(Type.Object({ code: Type.String(), match: Type.String() })),
  safeguarding: Type.Boolean(),
  createdAt: Type.String(),
});
export type PendingText = Static<typeof PendingTextSchema>;

export const TextDecisionBodySchema = Type.Object(
  {
    decision: Type.Enum(['publish', 'reject']),
    reasonCode: Type.Optional(Type.Enum(Object.keys(REJECT_REASONS) as RejectReason[])),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type TextDecisionBody = Static<typeof TextDecisionBodySchema>;
