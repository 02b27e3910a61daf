// The HTTP contract of outcome recording: questionnaire answers, the questionnaires due to someone, delivered
// hours, admissions and council-arranged care. Shared by the API (validation) and the web app (types).
import { Type, type Static } from 'typebox';
import { CARE_TYPE_CODES } from '../taxonomy.ts';
import { PageSchema } from '../pagination/page.ts';
import {
  ADMISSION_KIND_CODES,
  OUTCOME_RESPONDENT_CODES,
  PREFER_NOT_TO_SAY,
  QUALITY_OF_LIFE_DOMAIN_CODES,
} from './vocabulary.ts';

const Uuid = Type.String({ format: 'uuid' });
const IsoDate = Type.String({ format: 'date' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const REVIEW_POINT_PATTERN = '^(week_6|month_[1-9][0-9]{0,2}|end)$';
export const ReviewPointKeySchema = Type.String({ pattern: REVIEW_POINT_PATTERN, maxLength: 10 });

/**
 * "Prefer not to say" travels as this word rather than null, so an answer left empty by mistake can never pass
 * for a deliberate choice. It is stored as NULL.
 */
const PreferNotToSay = Type.Literal(PREFER_NOT_TO_SAY);
/** Each domain: 0–3 (3 = as wanted), or "prefer_not_to_say". Every domain must be present. */
const DomainScore = Type.Union([Type.Integer({ minimum: 0, maximum: 3 }), PreferNotToSay]);
export const QualityOfLifeSchema = Type.Object(
  Object.fromEntries(QUALITY_OF_LIFE_DOMAIN_CODES.map((code) => [code, DomainScore])) as Record<
    (typeof QUALITY_OF_LIFE_DOMAIN_CODES)[number],
    typeof DomainScore
  >,
  { additionalProperties: false },
);
export type QualityOfLife = Static<typeof QualityOfLifeSchema>;

export const OutcomeAnswersSchema = Type.Object(
  {
    satisfaction: Type.Integer({ minimum: 1, maximum: 5 }),
    qualityOfLife: QualityOfLifeSchema,
    /** Carers only: their satisfaction with the support they get as a carer, 1–5. */
    carerSatisfaction: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    /** Carers only: 0 none, 1 some, 2 a lot, or "prefer_not_to_say". */
    carerStrain: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 2 }), PreferNotToSay])),
  },
  { additionalProperties: false },
);
export type OutcomeAnswers = Static<typeof OutcomeAnswersSchema>;

export const OutcomeReviewSchema = Type.Object({
  id: Uuid,
  bookingId: Nullable(Uuid),
  carePackageId: Nullable(Uuid),
  reviewPoint: Type.String(),
  dueOn: Type.String(),
  respondent: Type.Enum([...OUTCOME_RESPONDENT_CODES]),
  answers: OutcomeAnswersSchema,
  submittedAt: Type.String(),
});
export type OutcomeReview = Static<typeof OutcomeReviewSchema>;

/** The questionnaire a signed-in person is asked to fill in for one booking and review point. */
export const OutcomeQuestionnaireSchema = Type.Object({
  bookingId: Uuid,
  serviceName: Type.String(),
  organisationName: Type.String(),
  reviewPoint: Type.String(),
  reviewPointLabel: Type.String(),
  dueOn: Type.String(),
  respondent: Type.Enum([...OUTCOME_RESPONDENT_CODES]),
  /** True when this point is the one open now; answers for an earlier point that has lapsed are refused. */
  open: Type.Boolean(),
  answer: Nullable(OutcomeReviewSchema),
});
export type OutcomeQuestionnaire = Static<typeof OutcomeQuestionnaireSchema>;

export const OutcomeQuestionnaireListSchema = PageSchema(OutcomeQuestionnaireSchema);

export const NameCarerBodySchema = Type.Object(
  { email: Type.String({ format: 'email', minLength: 3, maxLength: 254 }) },
  { additionalProperties: false },
);
export type NameCarerBody = Static<typeof NameCarerBodySchema>;

export const BookingCarerSchema = Type.Object({ bookingId: Uuid, carerName: Type.String() });
export type BookingCarer = Static<typeof BookingCarerSchema>;

export const DeliveredHoursBodySchema = Type.Object(
  { hours: Type.Number({ minimum: 0, maximum: 168, multipleOf: 0.25 }) },
  { additionalProperties: false },
);
export type DeliveredHoursBody = Static<typeof DeliveredHoursBodySchema>;
export const DeliveredWeekSchema = Type.Object({ weekStarting: Type.String(), hours: Type.Number() });
export type DeliveredWeek = Static<typeof DeliveredWeekSchema>;

export const AdmissionBodySchema = Type.Object(
  { kind: Type.Enum([...ADMISSION_KIND_CODES]), admittedOn: IsoDate },
  { additionalProperties: false },
);
export type AdmissionBody = Static<typeof AdmissionBodySchema>;
export const AdmissionSchema = Type.Object({
  id: Uuid,
  kind: Type.Enum([...ADMISSION_KIND_CODES]),
  admittedOn: Type.String(),
  recordedAt: Type.String(),
});
export type Admission = Static<typeof AdmissionSchema>;

/** Everything recorded about one booking's outcomes, trimmed to what the viewer may see. */
export const BookingOutcomesSchema = Type.Object({
  bookingId: Uuid,
  viewer: Type.Enum(['requester', 'carer', 'provider', 'council']),
  carerName: Nullable(Type.String()),
  reviews: Type.Array(OutcomeReviewSchema),
  deliveredHours: Type.Array(DeliveredWeekSchema),
  admissions: Type.Array(AdmissionSchema),
});
export type BookingOutcomes = Static<typeof BookingOutcomesSchema>;

export const CarePackageBodySchema = Type.Object(
  {
    personReference: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9/-]{2,39}$' }),
    serviceId: Uuid,
    careType: Type.Enum([...CARE_TYPE_CODES]),
    hoursPerWeek: Type.Optional(Type.Number({ minimum: 0.25, maximum: 168, multipleOf: 0.25 })),
    startOn: IsoDate,
    endOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type CarePackageBody = Static<typeof CarePackageBodySchema>;

export const CarePackageSchema = Type.Object({
  id: Uuid,
  personReference: Type.String(),
  serviceId: Uuid,
  serviceName: Type.String(),
  careType: Type.String(),
  hoursPerWeek: Nullable(Type.Number()),
  startOn: Type.String(),
  endOn: Nullable(Type.String()),
  outcomeCount: Type.Integer(),
  admissionCount: Type.Integer(),
});
export type CarePackage = Static<typeof CarePackageSchema>;

/** One council-arranged care package with what is recorded about it and the review points that have come due. */
export const CarePackageDetailSchema = Type.Object({
  carePackage: CarePackageSchema,
  duePoints: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), dueOn: Type.String() })),
  reviews: Type.Array(OutcomeReviewSchema),
  admissions: Type.Array(AdmissionSchema),
});
export type CarePackageDetail = Static<typeof CarePackageDetailSchema>;

export const CarePackageOutcomeBodySchema = Type.Object(
  {
    reviewPoint: ReviewPointKeySchema,
    respondent: Type.Enum([...OUTCOME_RESPONDENT_CODES]),
    answers: OutcomeAnswersSchema,
  },
  { additionalProperties: false },
);
export type CarePackageOutcomeBody = Static<typeof CarePackageOutcomeBodySchema>;

/** The council's running totals (council staff only): what has been recorded, for a quick check. */
export const OutcomeTotalsSchema = Type.Object({
  reviews: Type.Integer(),
  fromPeople: Type.Integer(),
  fromCarers: Type.Integer(),
  meanSatisfaction: Nullable(Type.Number()),
  deliveredWeeks: Type.Integer(),
  admissions: Type.Integer(),
  carePackages: Type.Integer(),
  latest: Type.Array(
    Type.Object({
      serviceName: Type.String(),
      reviewPoint: Type.String(),
      respondent: Type.String(),
      satisfaction: Type.Integer(),
      submittedAt: Type.String(),
    }),
  ),
});
export type OutcomeTotals = Static<typeof OutcomeTotalsSchema>;
