// What a refused API call means for a page: its sentence, and its field errors named as the form's inputs.
import type { Problem } from '@care-assist/domain';

/** The sentence to show for a refused call: the API's detail, or its title when it gave none. */
export function problemMessage(problem: Problem): string {
  return problem.detail ?? problem.title;
}

/** API field names can arrive as `postcode`, `/postcode` or `body/postcode`; we want the last part. */
export function problemFieldErrors(problem: Problem): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const { field, message } of problem.errors ?? []) {
    const name = field.split(/[/.]/).filter(Boolean).pop() ?? '';
    fieldErrors[name] ??= message;
  }
  return fieldErrors;
}

/** A refused form's errors: the API's field errors by input name, or its sentence for the whole form when it named no field. */
export function problemFormErrors(problem: Problem): Record<string, string> {
  const errors = problemFieldErrors(problem);
  if (Object.keys(errors).length === 0) errors.form = problemMessage(problem);
  return errors;
}
