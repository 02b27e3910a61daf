// A council decision on something a provider sent in (a claim on an organisation, a listing to verify), as the
// claims and verification queues both take it: approving needs nothing more; a refusal needs a reason from the
// moderation list and a note for whoever sent it in, checked here before the API is asked.
import { fail } from '@sveltejs/kit';
import { MODERATION_REASON_CODES, type ModerationDecision, type ModerationReason } from '@care-assist/domain';
import { problemMessage, type ApiResult } from './api';
import { formString } from './forms';

interface Decision<T> {
  action: string;
  /** Approving (publish, approve) takes an optional note; anything else is a refusal. */
  approving: boolean;
  /** Who reads the note, for the error when it is missing: "claimant", "provider". */
  noteFor: string;
  send: (id: string, body: Partial<ModerationDecision>) => Promise<ApiResult<T>>;
  /** The confirmation, from the name the form showed (or the API's, when the form sent none). */
  done: (name: string, result: T) => string;
}

export async function decide<T>(request: Request, decision: Decision<T>) {
  const { action } = decision;
  const form = await request.formData();
  const id = formString(form, 'id');
  const name = formString(form, 'name');
  const note = formString(form, 'note');
  const reasonCode = formString(form, 'reasonCode');
  const values = { note, reasonCode };
  if (!decision.approving) {
    const errors: Record<string, string> = {};
    if (!MODERATION_REASON_CODES.includes(reasonCode as ModerationReason)) errors.reasonCode = 'Choose a reason';
    if (note.length < 3) errors.note = `Write a note for the ${decision.noteFor}`;
    if (Object.keys(errors).length) return fail(400, { id, action, errors, values });
  }
  const body = decision.approving ? (note ? { note } : {}) : { reasonCode: reasonCode as ModerationReason, note };
  const result = await decision.send(id, body);
  if (!result.ok) return fail(result.status, { id, action, errors: { form: problemMessage(result.problem) }, values });
  return { done: decision.done(name, result.data) };
}
