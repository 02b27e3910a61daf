// Helpers shared by the form actions: reading fields, and calling the API without losing what was typed.
import { fail, isHttpError } from '@sveltejs/kit';
import { UNAVAILABLE_MESSAGE } from './api';

export type FieldErrors = Record<string, string>;

export function formString(form: FormData, name: string, { trim = true } = {}): string {
  const value = form.get(name);
  if (typeof value !== 'string') return '';
  return trim ? value.trim() : value;
}

/** The named fields of a form, each read (and trimmed) as `formString` reads one: what a failed form shows again. */
export function formStrings<Name extends string>(form: FormData, names: readonly Name[]): Record<Name, string> {
  return Object.fromEntries(names.map((name) => [name, formString(form, name)])) as Record<Name, string>;
}

/**
 * Runs an API call from a form action. When the API cannot be reached the form is shown again with a
 * message instead of an error page, so nothing the person typed is lost.
 */
export async function callFromAction<T, V extends Record<string, string>>(call: () => Promise<T>, values: V) {
  try {
    return { ok: true as const, value: await call() };
  } catch (cause) {
    if (isHttpError(cause) && cause.status === 503) {
      return {
        ok: false as const,
        failure: fail(503, { values, errors: { form: UNAVAILABLE_MESSAGE } }),
      };
    }
    throw cause;
  }
}
