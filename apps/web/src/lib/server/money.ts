// Helpers for the money pages (budget, bookings, invoices): signed-in API calls from form actions,
// with problem+json mapped to form errors and the form's idempotency key passed through.
import { fail } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { problemFieldErrors, problemMessage, type ApiResult } from './api';
import { callFromAction, formString } from './forms';

/**
 * A fresh key for each rendered form. It travels in a hidden field, so submitting the same form twice (a double
 * click, or the browser re-posting) sends the same key and the API moves the money only once.
 */
export const newFormKey = () => randomUUID();

/**
 * Sends one form's API call (`send`, given the form's idempotency key when it moves money) and turns a refusal
 * into the form's `fail()`: the API's field errors by input name and its sentence for the whole form.
 */
export async function submit<T>(
  form: FormData,
  send: (idempotencyKey: string | undefined) => Promise<ApiResult<T>>,
  options: { action: string; money?: boolean; values?: Record<string, string> },
) {
  const values = options.values ?? {};
  const idempotencyKey = options.money ? formString(form, 'idempotencyKey') || randomUUID() : undefined;
  const call = await callFromAction(() => send(idempotencyKey), values);
  if (!call.ok) return { ok: false as const, failure: call.failure };
  const result = call.value;
  if (!result.ok) {
    const errors = problemFieldErrors(result.problem);
    errors.form = problemMessage(result.problem);
    return {
      ok: false as const,
      failure: fail(result.status === 409 || result.status === 422 ? result.status : 400, {
        action: options.action,
        values,
        errors,
      }),
    };
  }
  return { ok: true as const, data: result.data };
}
