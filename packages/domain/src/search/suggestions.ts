// As-you-type suggestions for the search form: places (towns with services, postcode districts) and care types.
import { Type, type Static } from 'typebox';
import { CARE_TYPES, type CareType } from '../taxonomy.ts';

export const SuggestionsQuerySchema = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 60 }) },
  { additionalProperties: false },
);
export type SuggestionsQuery = Static<typeof SuggestionsQuerySchema>;

export const SuggestionSchema = Type.Object({
  kind: Type.Union([Type.Literal('town'), Type.Literal('postcode_district'), Type.Literal('care_type')]),
  /** What to show. */
  label: Type.String(),
  /** What to put in the form: a town or district for "Where?", a care type code for the care type filter. */
  value: Type.String(),
});
export type Suggestion = Static<typeof SuggestionSchema>;

export const SuggestionsResponseSchema = Type.Object({ suggestions: Type.Array(SuggestionSchema) });
export type SuggestionsResponse = Static<typeof SuggestionsResponseSchema>;

/** Care types whose label or code contains every word typed, e.g. "home" -> Home care, Care home, Nursing home. */
export function matchingCareTypes(typed: string): { code: CareType; label: string }[] {
  const words = typed
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  if (words.length === 0) return [];
  return (Object.entries(CARE_TYPES) as [CareType, string][])
    .filter(([code, label]) => words.every((w) => label.toLowerCase().includes(w) || code.includes(w)))
    .map(([code, label]) => ({ code, label }));
}
