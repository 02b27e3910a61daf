// The HTTP contract for reviews, ratings and moderation, and the submission rules shared by API and web.
import { Type, type Static } from 'typebox';
import type { CareType } from '../taxonomy.ts';
import { ALL_REVIEW_CATEGORIES, categoriesFor, type CategoryScores } from './maths.ts';
import { REVIEW_GROUP_STATUSES } from './review-fraud.ts';
import { PageSchema } from '../pagination/page.ts';
import { EscalationSchema } from './safeguarding.ts';
import {
  REJECT_REASONS,
  REPORT_REASONS,
  REVIEW_LIMITS,
  REVIEWER_RELATIONSHIPS,
  type RejectReason,
  type ReportReason,
} from './labels.ts';

// The labels and limits live in ./labels.ts (no TypeBox there); re-exported so every import keeps working.
export * from './labels.ts';

export const REVIEW_STATUSES = [
  'pending',
  'published',
  'rejected',
  'withdrawn',
  'changes_requested',
  'replaced',
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

const Score = Type.Integer({ minimum: 1, maximum: 5 });
const MaybeScore = Type.Union([Score, Type.Null()], { description: 'null means "don\'t know"' });
const Uuid = Type.String({ format: 'uuid' });

export const CategoryScoresSchema = Type.Object(
  Object.fromEntries(ALL_REVIEW_CATEGORIES.map((c) => [c, Type.Optional(MaybeScore)])) as Record<
    (typeof ALL_REVIEW_CATEGORIES)[number],
    Type.TOptional<typeof MaybeScore>
  >,
  { additionalProperties: false },
);

const reviewFields = {
  relationship: Type.Enum([...REVIEWER_RELATIONSHIPS]),
  overall: Score,
  categories: CategoryScoresSchema,
  periodMonth: Type.Integer({ minimum: 1, maximum: 12 }),
  periodYear: Type.Integer({ minimum: 2000, maximum: 2100 }),
  title: Type.String({ minLength: REVIEW_LIMITS.titleMin, maxLength: REVIEW_LIMITS.titleMax }),
  body: Type.String({ minLength: REVIEW_LIMITS.bodyMin, maxLength: REVIEW_LIMITS.bodyMax }),
  consent: Type.Boolean({ description: 'Must be true: the writer agrees to the review rules' }),
};

export const SubmitReviewBodySchema = Type.Object(
  { serviceId: Uuid, ...reviewFields },
  { additionalProperties: false },
);
export type SubmitReviewBody = Static<typeof SubmitReviewBodySchema>;
export const EditReviewBodySchema = Type.Object(reviewFields, { additionalProperties: false });
export type EditReviewBody = Static<typeof EditReviewBodySchema>;

export interface ReviewFieldError {
  field: string;
  message: string;
}

/** The rules a schema cannot express: they depend on the service and on today's date. */
export function reviewSubmissionErrors(
  input: {
    categories: CategoryScores;
    periodMonth: number;
    periodYear: number;
    consent: boolean;
    title: string;
    body: string;
  },
  context: { careTypes: readonly CareType[]; now: Date },
): ReviewFieldError[] {
  const errors: ReviewFieldError[] = [];
  const applicable = categoriesFor(context.careTypes);
  const notApplicable = Object.keys(input.categories).filter(
    (c) =>
      !applicable.includes(c as (typeof applicable)[number]) && input.categories[c as keyof CategoryScores] != null,
  );
  for (const c of notApplicable)
    errors.push({ field: `categories.${c}`, message: 'This category does not apply to this kind of care' });
  const answered = applicable.filter((c) => typeof input.categories[c] === 'number').length;
  if (answered * 2 < applicable.length) {
    errors.push({
      field: 'categories',
      message: `Score at least ${Math.ceil(applicable.length / 2)} of the ${applicable.length} categories (you can choose "don't know" for the rest)`,
    });
  }
  const now = context.now;
  const monthIndex = (y: number, m: number) => y * 12 + (m - 1);
  const period = monthIndex(input.periodYear, input.periodMonth);
  const current = monthIndex(now.getUTCFullYear(), now.getUTCMonth() + 1);
  if (period > current) errors.push({ field: 'periodMonth', message: 'The period of care cannot be in the future' });
  else if (current - period > REVIEW_LIMITS.periodMonthsBack) {
    errors.push({ field: 'periodMonth', message: 'The period of care must be within the last 12 months' });
  }
  if (!input.consent) errors.push({ field: 'consent', message: 'Confirm that your review follows the rules' });
  if (input.title.trim().length < REVIEW_LIMITS.titleMin) errors.push({ field: 'title', message: 'Enter a title' });
  if (input.body.trim().length < REVIEW_LIMITS.bodyMin) {
    errors.push({ field: 'body', message: `Write at least ${REVIEW_LIMITS.bodyMin} characters` });
  }
  return errors;
}

export const ReviewResponseSchema = Type.Object({
  body: Type.String(),
  changePlanned: Type.Boolean(),
  changeMade: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  editableUntil: Type.String(),
});

export const PublicReviewSchema = Type.Object({
  id: Uuid,
  serviceId: Uuid,
  authorName: Type.String({ description: 'First name and initial only' }),
  relationship: Type.Enum([...REVIEWER_RELATIONSHIPS]),
  overall: Type.Integer(),
  categories: CategoryScoresSchema,
  periodMonth: Type.Integer(),
  periodYear: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  verified: Type.Boolean(),
  helpfulCount: Type.Integer(),
  createdAt: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  response: Type.Union([ReviewResponseSchema, Type.Null()]),
});
export type PublicReview = Static<typeof PublicReviewSchema>;

export const PrecheckFlagSchema = Type.Object({ code: Type.String(), match: Type.String() });

export const MyReviewSchema = Type.Object({
  ...PublicReviewSchema.properties,
  status: Type.Enum([...REVIEW_STATUSES]),
  rejectReason: Type.Union([Type.String(), Type.Null()]),
  moderatorNote: Type.Union([Type.String(), Type.Null()]),
  serviceName: Type.String(),
  serviceSlug: Type.String(),
});
export type MyReview = Static<typeof MyReviewSchema>;

export const ModerationReviewSchema = Type.Object({
  ...MyReviewSchema.properties,
  authorId: Uuid,
  prechecks: Type.Array(PrecheckFlagSchema),
  safeguarding: Type.Boolean(),
  openReports: Type.Array(
    Type.Object({ reason: Type.String(), note: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String() }),
  ),
  replacesReviewId: Type.Union([Uuid, Type.Null()]),
  /** The suspected burst this review is part of (decided as a whole), or null. */
  groupId: Type.Union([Uuid, Type.Null()]),
  /** What the review would count for in the ranking while unverified (1, or less with a trust signal). */
  trustWeight: Type.Number(),
  /** Who passed this review's concern on, to whom and when, oldest first. */
  escalations: Type.Array(EscalationSchema),
});
export type ModerationReview = Static<typeof ModerationReviewSchema>;

/** A suspected burst of reviews of one service, shown and decided together. */
export const ReviewGroupSchema = Type.Object({
  id: Uuid,
  serviceId: Uuid,
  serviceName: Type.String(),
  signals: Type.Array(Type.String()),
  status: Type.Enum([...REVIEW_GROUP_STATUSES]),
  reasonCode: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  reviews: Type.Array(ModerationReviewSchema),
});
export type ReviewGroup = Static<typeof ReviewGroupSchema>;

/**
 * A moderator's decision on a whole group: reject every pending review in it (with a reason the writers
 * see), or dismiss the suspicion so that its reviews are moderated one by one like any other.
 */
export const ReviewGroupDecisionBodySchema = Type.Object(
  {
    decision: Type.Enum(['reject', 'dismiss']),
    reasonCode: Type.Optional(Type.Enum(Object.keys(REJECT_REASONS) as RejectReason[])),
    note: Type.Optional(Type.String({ maxLength: REVIEW_LIMITS.noteMax })),
  },
  { additionalProperties: false },
);
export type ReviewGroupDecisionBody = Static<typeof ReviewGroupDecisionBodySchema>;

export const REVIEW_SORTS = ['newest', 'helpful', 'lowest', 'highest'] as const;
export const ReviewListQuerySchema = Type.Object(
  {
    relationship: Type.Optional(Type.Enum([...REVIEWER_RELATIONSHIPS])),
    rating: Type.Optional(Score),
    verified: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Enum([...REVIEW_SORTS])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 1 })),
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  },
  { additionalProperties: false },
);
export type ReviewListQuery = Static<typeof ReviewListQuerySchema>;

export const RatingDetailSchema = Type.Object({
  mean: Type.Union([Type.Number(), Type.Null()]),
  count: Type.Integer(),
  text: Type.String(),
  rankingScore: Type.Number(),
  valueScore: Type.Union([Type.Number(), Type.Null()]),
  scoreOutOfTen: Type.Union([Type.Number(), Type.Null()]),
  scoreExplanation: Type.String(),
  distribution: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5 }),
  categories: Type.Array(
    Type.Object({ category: Type.String(), label: Type.String(), mean: Type.Number(), count: Type.Integer() }),
  ),
  trend: Type.Array(
    Type.Object({ month: Type.String(), count: Type.Integer(), mean: Type.Union([Type.Number(), Type.Null()]) }),
  ),
  verifiedCount: Type.Integer(),
  negativeCount: Type.Integer(),
  negativeAnsweredShare: Type.Union([Type.Number(), Type.Null()]),
  changeReportedShare: Type.Union([Type.Number(), Type.Null()]),
});
export type RatingDetail = Static<typeof RatingDetailSchema>;

/** A service's reviews: the common page envelope (../pagination/page.ts) with the service's rating beside it. */
export const ReviewPageSchema = PageSchema(PublicReviewSchema, { rating: RatingDetailSchema });
export type ReviewPage = Static<typeof ReviewPageSchema>;

export const ModerationDecisionBodySchema = Type.Object(
  {
    decision: Type.Enum(['publish', 'reject', 'request_edit']),
    reasonCode: Type.Optional(Type.Enum(Object.keys(REJECT_REASONS) as RejectReason[])),
    note: Type.Optional(Type.String({ maxLength: REVIEW_LIMITS.noteMax })),
  },
  { additionalProperties: false },
);
export type ModerationDecisionBody = Static<typeof ModerationDecisionBodySchema>;

export const ReportBodySchema = Type.Object(
  {
    reason: Type.Enum(Object.keys(REPORT_REASONS) as ReportReason[]),
    note: Type.Optional(Type.String({ maxLength: REVIEW_LIMITS.noteMax })),
  },
  { additionalProperties: false },
);
export type ReportBody = Static<typeof ReportBodySchema>;

export const ReplyBodySchema = Type.Object(
  {
    body: Type.String({ minLength: 2, maxLength: REVIEW_LIMITS.replyMax }),
    changePlanned: Type.Optional(Type.Boolean({ default: false })),
    changeMade: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type ReplyBody = Static<typeof ReplyBodySchema>;

export const MODERATION_QUEUES = ['pending', 'reported', 'safeguarding'] as const;
export type ModerationQueue = (typeof MODERATION_QUEUES)[number];

export const AuditEntrySchema = Type.Object({
  id: Uuid,
  actorId: Uuid,
  actorName: Type.String(),
  targetType: Type.String(),
  targetId: Uuid,
  /** What the target is, in words: "Review “Kind staff” of Riverside House by Pat Smith". */
  targetLabel: Type.String(),
  action: Type.String(),
  /** The action in words: "Rejected", "Escalated to Essex Police". */
  actionLabel: Type.String(),
  reasonCode: Type.Union([Type.String(), Type.Null()]),
  /** The reason in words, when it has one. */
  reasonLabel: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;
