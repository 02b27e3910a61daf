// Typed errors thrown by services. The error handler (plugins/app/problem-json.ts) turns each into
// application/problem+json, so services never think about HTTP shapes.

export interface FieldError {
  field: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }

  /** A stable URI-ish slug for the problem type, e.g. "/problems/not-found". */
  get type(): string {
    return `/problems/${this.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`;
  }
}

export class ValidationFailed extends HttpProblem {
  constructor(detail: string, errors: FieldError[] = []) {
    super(400, 'Validation failed', detail, errors);
  }
}

export class Unauthorised extends HttpProblem {
  constructor(detail = 'You need to sign in to do that.') {
    super(401, 'Unauthorised', detail);
  }
}

export class Forbidden extends HttpProblem {
  constructor(detail = 'You are not allowed to do that.') {
    super(403, 'Forbidden', detail);
  }
}

export class NotFound extends HttpProblem {
  constructor(detail = 'We could not find that.') {
    super(404, 'Not found', detail);
  }
}

/** Slow down: `retryAfterSeconds` becomes the Retry-After header. */
export class TooManyRequests extends HttpProblem {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'Too many requests', detail);
  }
}

export class Conflict extends HttpProblem {
  constructor(detail: string, errors?: FieldError[]) {
    super(409, 'Conflict', detail, errors);
  }
}

/** The request is well formed but cannot be processed as sent (e.g. an Idempotency-Key reused for a different request). */
export class UnprocessableContent extends HttpProblem {
  constructor(detail: string) {
    super(422, 'Unprocessable content', detail);
  }
}

export class ServiceUnavailable extends HttpProblem {
  constructor(detail: string) {
    super(503, 'Service unavailable', detail);
  }
}
