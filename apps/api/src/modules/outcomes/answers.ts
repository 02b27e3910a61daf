// Turns questionnaire answers into outcome_reviews columns and back, and checks the carer-only answers.
import {
  PREFER_NOT_TO_SAY,
  type OutcomeAnswers,
  type OutcomeRespondent,
  type OutcomeReview,
} from '@care-assist/domain';
import type { NewOutcomeReview, OutcomeReviewRow } from '@care-assist/db';
import { ValidationFailed } from '../../errors.ts';

type AnswerColumns = Pick<
  NewOutcomeReview,
  | 'satisfaction'
  | 'controlScore'
  | 'personalCareScore'
  | 'safetyScore'
  | 'socialContactScore'
  | 'occupationScore'
  | 'carerSatisfaction'
  | 'carerStrain'
>;

/** 400 when a carer leaves out their own answers, or the person sends carer-only answers. */
export function checkRespondentAnswers(respondent: OutcomeRespondent, answers: OutcomeAnswers): void {
  if (respondent === 'carer') {
    const errors = [];
    if (answers.carerSatisfaction === undefined)
      errors.push({ field: 'carerSatisfaction', message: 'Tell us how satisfied you are with support as a carer' });
    if (answers.carerStrain === undefined)
      errors.push({ field: 'carerStrain', message: 'Tell us about strain from caring, or choose prefer not to say' });
    if (errors.length) throw new ValidationFailed('Some answers are missing.', errors);
  } else if (answers.carerSatisfaction !== undefined || answers.carerStrain !== undefined) {
    throw new ValidationFailed('Only a carer answers the carer questions.', [
      { field: 'carerSatisfaction', message: 'Only for carers' },
    ]);
  }
}

/** "prefer_not_to_say" is stored as NULL, and read back as the word. */
const stored = (value: number | typeof PREFER_NOT_TO_SAY | undefined) =>
  value === undefined || value === PREFER_NOT_TO_SAY ? null : value;
const spoken = (value: number | null) => value ?? PREFER_NOT_TO_SAY;

export function answerColumns(respondent: OutcomeRespondent, answers: OutcomeAnswers): AnswerColumns {
  const q = answers.qualityOfLife;
  return {
    satisfaction: answers.satisfaction,
    controlScore: stored(q.control),
    personalCareScore: stored(q.personal_care),
    safetyScore: stored(q.safety),
    socialContactScore: stored(q.social_contact),
    occupationScore: stored(q.occupation),
    carerSatisfaction: respondent === 'carer' ? (answers.carerSatisfaction ?? null) : null,
    carerStrain: respondent === 'carer' ? stored(answers.carerStrain) : null,
  };
}

export function answersOf(row: OutcomeReviewRow): OutcomeAnswers {
  return {
    satisfaction: row.satisfaction,
    qualityOfLife: {
      control: spoken(row.controlScore),
      personal_care: spoken(row.personalCareScore),
      safety: spoken(row.safetyScore),
      social_contact: spoken(row.socialContactScore),
      occupation: spoken(row.occupationScore),
    },
    ...(row.respondent === 'carer'
      ? { carerSatisfaction: row.carerSatisfaction ?? undefined, carerStrain: spoken(row.carerStrain) }
      : {}),
  };
}

/** Whether a resubmission says exactly what was stored (a retry or double click), so it can be answered again. */
export function sameAnswers(row: OutcomeReviewRow, respondent: OutcomeRespondent, answers: OutcomeAnswers): boolean {
  const stored = answerColumns(respondent, answersOf(row));
  const sent = answerColumns(respondent, answers);
  return (Object.keys(sent) as (keyof AnswerColumns)[]).every((key) => (stored[key] ?? null) === (sent[key] ?? null));
}

export function presentReview(row: OutcomeReviewRow): OutcomeReview {
  return {
    id: row.id,
    bookingId: row.bookingId,
    carePackageId: row.carePackageId,
    reviewPoint: row.reviewPoint,
    dueOn: row.dueOn,
    respondent: row.respondent,
    answers: answersOf(row),
    submittedAt: row.submittedAt.toISOString(),
  };
}
