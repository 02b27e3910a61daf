// How reviews and rating aggregates are shown: to the public, to their author and to moderators.
import {
  REVIEW_CATEGORY_LABELS,
  REVIEW_LIMITS,
  ratingText,
  scoreExplanation,
  type Escalation,
  type ModerationReview,
  type MyReview,
  type PublicReview,
  type RatingDetail,
  type ReviewCategory,
  ERASED_DISPLAY_NAME,
} from '@care-assist/domain';
import type { ServiceRatingRow, ReviewFlagRow, ReviewResponseRow } from '@care-assist/db';
import { categoriesOf } from '../ratings/repository.ts';
import type { ReviewRecord } from './repository.ts';

/** "Pat E.": enough to be human, not enough to identify anyone. */
export function publicName(displayName: string): string {
  if (displayName === ERASED_DISPLAY_NAME) return ERASED_DISPLAY_NAME;
  const [first = 'A', ...rest] = displayName.trim().split(/\s+/);
  const last = rest.at(-1);
  return last ? `${first} ${last[0]!.toUpperCase()}.` : first;
}

function responseOf(response: ReviewResponseRow | null): PublicReview['response'] {
  if (!response) return null;
  return {
    body: response.body,
    changePlanned: response.changePlanned,
    changeMade: response.changeMade,
    createdAt: response.createdAt.toISOString(),
    updatedAt: response.updatedAt.toISOString(),
    editableUntil: new Date(response.createdAt.getTime() + REVIEW_LIMITS.replyEditWindowMinutes * 60_000).toISOString(),
  };
}

export function toPublicReview({ review, response, authorName }: ReviewRecord): PublicReview {
  return {
    id: review.id,
    serviceId: review.serviceId,
    authorName: publicName(authorName),
    relationship: review.relationship,
    overall: review.overall,
    categories: categoriesOf(review),
    periodMonth: review.periodMonth,
    periodYear: review.periodYear,
    title: review.title,
    body: review.body,
    verified: review.verified,
    helpfulCount: review.helpfulCount,
    createdAt: review.createdAt.toISOString(),
    publishedAt: review.publishedAt?.toISOString() ?? null,
    response: responseOf(response),
  };
}

export function toMyReview(record: ReviewRecord): MyReview {
  return {
    ...toPublicReview(record),
    status: record.review.status,
    rejectReason: record.review.rejectReason,
    moderatorNote: record.review.moderatorNote,
    serviceName: record.serviceName,
    serviceSlug: record.serviceSlug,
  };
}

export function toModerationReview(
  record: ReviewRecord,
  flags: ReviewFlagRow[],
  escalations: ReadonlyMap<string, Escalation[]> = new Map(),
): ModerationReview {
  return {
    ...toMyReview(record),
    authorId: record.review.authorId,
    prechecks: record.review.prechecks,
    safeguarding: record.review.safeguarding,
    openReports: flags
      .filter((f) => f.reviewId === record.review.id)
      .map((f) => ({ reason: f.reason, note: f.note, createdAt: f.createdAt.toISOString() })),
    replacesReviewId: record.review.replacesReviewId,
    groupId: record.review.groupId,
    trustWeight: record.review.verified ? 1 : record.review.trustWeight,
    escalations: escalations.get(record.review.id) ?? [],
  };
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 100) / 100);

export function toRatingDetail(rating: ServiceRatingRow | null): RatingDetail {
  const count = rating?.reviewCount ?? 0;
  const mean = count > 0 ? (rating?.meanOverall ?? null) : null;
  const details = rating?.details ?? null;
  const score = details?.scoreOutOfTen ?? null;
  return {
    mean: mean === null ? null : Math.round(mean * 100) / 100,
    count,
    text: ratingText(mean, count),
    rankingScore: Math.round((rating?.rankingScore ?? 0) * 100) / 100,
    valueScore:
      rating?.valueScore === null || rating?.valueScore === undefined
        ? null
        : Math.round(rating.valueScore * 100) / 100,
    scoreOutOfTen: score?.score ?? null,
    scoreExplanation: scoreExplanation(score),
    distribution: details?.distribution ?? [0, 0, 0, 0, 0],
    categories: Object.entries(details?.categoryMeans ?? {}).map(([category, value]) => ({
      category,
      label: REVIEW_CATEGORY_LABELS[category as ReviewCategory],
      mean: value.mean,
      count: value.count,
    })),
    trend: details?.trend ?? [],
    verifiedCount: details?.verifiedCount ?? 0,
    negativeCount: details?.negativeCount ?? 0,
    negativeAnsweredShare: share(details?.negativeAnswered ?? 0, details?.negativeCount ?? 0),
    changeReportedShare: share(details?.changeReported ?? 0, details?.negativeCount ?? 0),
  };
}
