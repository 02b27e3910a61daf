// The fixed vocabulary of outcome recording: who answers an outcomes questionnaire, the ASCOT-style
// quality-of-life domains and their answers, the carer's strain, and what council staff record.
// The database stores the codes and scores defined here; the web app shows the labels.

/** Who answered: the person receiving care, or their main unpaid (informal) carer. */
export const OUTCOME_RESPONDENTS = {
  person: 'The person receiving care',
  carer: 'Their main unpaid carer',
} as const;
export type OutcomeRespondent = keyof typeof OUTCOME_RESPONDENTS;
export const OUTCOME_RESPONDENT_CODES = Object.keys(OUTCOME_RESPONDENTS) as OutcomeRespondent[];

/**
 * The five ASCOT-style (Adult Social Care Outcomes Toolkit) domains we ask about. Each answer is scored like
 * ASCOT's four levels: 3 = as I want (ideal), 2 = adequate (no unmet needs), 1 = some unmet needs,
 * 0 = high unmet needs. "Prefer not to say" is stored as NULL (every domain must be answered, so NULL never
 * means "skipped").
 */
export const QUALITY_OF_LIFE_DOMAINS = {
  control: {
    question: 'How much control do you have over your daily life?',
    answers: [
      'I have as much control over my daily life as I want',
      'I have adequate control over my daily life',
      'I have some control over my daily life, but not enough',
      'I have no control over my daily life',
    ],
  },
  personal_care: {
    question: 'How clean and presentable do you feel?',
    answers: [
      'I feel clean and am able to present myself the way I like',
      'I feel adequately clean and presentable',
      'I feel less than adequately clean or presentable',
      'I don’t feel at all clean or presentable',
    ],
  },
  safety: {
    question: 'How safe do you feel?',
    answers: [
      'I feel as safe as I want',
      'Generally I feel adequately safe, but not as safe as I would like',
      'I feel less than adequately safe',
      'I don’t feel at all safe',
    ],
  },
  social_contact: {
    question: 'How much contact do you have with people you like?',
    answers: [
      'I have as much social contact as I want with people I like',
      'I have adequate social contact with people',
      'I have some social contact with people, but not enough',
      'I have little social contact with people and feel socially isolated',
    ],
  },
  occupation: {
    question: 'How do you spend your time?',
    answers: [
      'I’m able to spend my time as I want, doing things I value or enjoy',
      'I’m able to do enough of the things I value or enjoy with my time',
      'I do some of the things I value or enjoy with my time, but not enough',
      'I don’t do anything I value or enjoy with my time',
    ],
  },
} as const;
export type QualityOfLifeDomain = keyof typeof QUALITY_OF_LIFE_DOMAINS;
export const QUALITY_OF_LIFE_DOMAIN_CODES = Object.keys(QUALITY_OF_LIFE_DOMAINS) as QualityOfLifeDomain[];

/** The score of the answer at `index` in a domain's `answers` (the first answer is the best, 3). */
export function domainScoreOfAnswer(index: number): number {
  return 3 - index;
}

/** The answer a form uses for "prefer not to say" (stored as NULL). */
export const PREFER_NOT_TO_SAY = 'prefer_not_to_say' as const;

export const SATISFACTION_LABELS: Record<1 | 2 | 3 | 4 | 5, string> = {
  5: 'Extremely or very satisfied',
  4: 'Quite satisfied',
  3: 'Neither satisfied nor dissatisfied',
  2: 'Quite dissatisfied',
  1: 'Extremely or very dissatisfied',
};

/** The carer's own strain, scored 0–2 (stored as NULL for "prefer not to say"). */
export const CARER_STRAIN_LABELS: Record<0 | 1 | 2, string> = {
  0: 'I don’t feel any strain from caring',
  1: 'I feel some strain from caring',
  2: 'I feel a lot of strain from caring',
};

export const ADMISSION_KINDS = {
  hospital: 'Hospital',
  residential_care: 'Residential or nursing care',
} as const;
export type AdmissionKind = keyof typeof ADMISSION_KINDS;
export const ADMISSION_KIND_CODES = Object.keys(ADMISSION_KINDS) as AdmissionKind[];
