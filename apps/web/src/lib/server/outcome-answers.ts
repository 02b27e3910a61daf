// Reads the outcomes questionnaire's form fields (OutcomeQuestions.svelte) into the API's answers, checking each
// question first so a missed one is shown next to it. Used by the person or carer's own questionnaire and by
// council staff recording answers for council-arranged care.
import { PREFER_NOT_TO_SAY, QUALITY_OF_LIFE_DOMAIN_CODES, type OutcomeAnswers } from '@care-assist/domain';
import { formStrings, type FieldErrors } from './forms';

/** "0".."max" as a number, "prefer_not_to_say" as itself (when allowed), anything else undefined. */
function readChoice(value: string, max: number, preferNotToSay: boolean) {
  if (preferNotToSay && value === PREFER_NOT_TO_SAY) return PREFER_NOT_TO_SAY;
  return new RegExp(`^[0-${max}]$`).test(value) ? Number(value) : undefined;
}

export function readOutcomeAnswers(
  form: FormData,
  asCarer: boolean,
  recordedByStaff = false,
): { values: Record<string, string>; errors: FieldErrors; answers: OutcomeAnswers | null } {
  const names = ['satisfaction', ...QUALITY_OF_LIFE_DOMAIN_CODES, 'carerSatisfaction', 'carerStrain'];
  const values: Record<string, string> = formStrings(form, names);
  const errors: FieldErrors = {};

  const satisfaction = readChoice(values.satisfaction ?? '', 5, false);
  if (!satisfaction) {
    errors.satisfaction = recordedByStaff
      ? 'Choose how satisfied they are with the care'
      : 'Choose how satisfied you are with the care';
  }
  const qualityOfLife: Record<string, number | typeof PREFER_NOT_TO_SAY> = {};
  for (const domain of QUALITY_OF_LIFE_DOMAIN_CODES) {
    const choice = readChoice(values[domain] ?? '', 3, true);
    if (choice === undefined) errors[domain] = 'Choose an answer, or "Prefer not to say"';
    else qualityOfLife[domain] = choice;
  }
  const carerSatisfaction = readChoice(values.carerSatisfaction ?? '', 5, false);
  const carerStrain = readChoice(values.carerStrain ?? '', 2, true);
  if (asCarer && !carerSatisfaction) {
    errors.carerSatisfaction = recordedByStaff
      ? 'Choose how satisfied the carer is with support for them'
      : 'Choose how satisfied you are with support for you';
  }
  if (asCarer && carerStrain === undefined) errors.carerStrain = 'Choose an answer, or "Prefer not to say"';
  if (Object.keys(errors).length > 0) return { values, errors, answers: null };
  const answers = {
    satisfaction,
    qualityOfLife,
    ...(asCarer ? { carerSatisfaction, carerStrain } : {}),
  } as OutcomeAnswers;
  return { values, errors, answers };
}
