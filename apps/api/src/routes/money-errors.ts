// The problems a booking, invoice or budget action can answer with. Money-moving requests carry an
// Idempotency-Key, so they can also answer 422 (the key was already used for a different request).
import { ProblemSchema } from '@care-assist/domain';

export const ACTION_ERRORS = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export const MONEY_ERRORS = { ...ACTION_ERRORS, 422: ProblemSchema };
